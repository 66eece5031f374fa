-- AlterTable
ALTER TABLE "Snapshot" ADD COLUMN     "findingsGz" BYTEA;
