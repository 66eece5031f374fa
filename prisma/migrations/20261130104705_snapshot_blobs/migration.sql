-- CreateTable
CREATE TABLE "SnapshotBlob" (
    "snapshotId" UUID NOT NULL,
    "part" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "SnapshotBlob_pkey" PRIMARY KEY ("snapshotId","part","seq")
);

-- AddForeignKey
ALTER TABLE "SnapshotBlob" ADD CONSTRAINT "SnapshotBlob_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "Snapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing snapshots keep their blobs, each as a single piece (readers concatenate pieces in order).
INSERT INTO "SnapshotBlob" ("snapshotId", "part", "seq", "bytes")
SELECT "id", 'objects', 0, "objectsGz" FROM "Snapshot";
INSERT INTO "SnapshotBlob" ("snapshotId", "part", "seq", "bytes")
SELECT "id", 'findings', 0, "findingsGz" FROM "Snapshot" WHERE "findingsGz" IS NOT NULL;

-- AlterTable
ALTER TABLE "Snapshot" DROP COLUMN "findingsGz",
DROP COLUMN "objectsGz";
