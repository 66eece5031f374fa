-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "baseline" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "name" TEXT;
