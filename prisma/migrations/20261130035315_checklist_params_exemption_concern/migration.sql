-- AlterTable
ALTER TABLE "ChecklistItem" ADD COLUMN     "params" JSONB;

-- AlterTable
ALTER TABLE "Exemption" ADD COLUMN     "concern" TEXT;
