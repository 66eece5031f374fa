-- AlterTable
ALTER TABLE "ShareLink" ADD COLUMN     "label" TEXT;
