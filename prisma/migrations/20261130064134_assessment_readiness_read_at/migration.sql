-- AlterTable
ALTER TABLE "Assessment" ADD COLUMN     "readinessReadAt" TIMESTAMP(3);
