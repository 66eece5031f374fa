// Data for the job-queue tests: generated snapshots (no corpus needed), stored analyses made stale the
// way an engine upgrade makes them, and snapshots copied to many assessments without re-uploading.
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** A Deployment list of `count` objects, enough to give a re-analysis real work. */
export function deploymentList(count: number, tag = "app"): Buffer {
  const items = Array.from({ length: count }, (_, i) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `${tag}-${i}`, namespace: `ns-${i % 7}`, labels: { app: `${tag}-${i}` } },
    spec: {
      replicas: 1 + (i % 3),
      selector: { matchLabels: { app: `${tag}-${i}` } },
      template: {
        metadata: { labels: { app: `${tag}-${i}` } },
        spec: {
          containers: [
            {
              name: "web",
              image: `registry.example.com/${tag}:${i % 5}`,
              env: [{ name: "LOG_LEVEL", value: "info" }],
              resources: i % 2 ? { limits: { cpu: "500m", memory: "256Mi" } } : undefined,
            },
          ],
        },
      },
    },
  }));
  return Buffer.from(JSON.stringify({ apiVersion: "v1", kind: "List", items }));
}

/**
 * Marks stored analyses as made by an older engine, so the next read or refresh re-analyses them. The
 * snapshots' `updatedAt` moves too, as after a real upgrade no report built before it is still kept
 * (an upgrade restarts every process, and a process keeps reports only under its stamp): without it a
 * report a running instance built earlier would be served from its memory, and ask for nothing.
 */
export async function makeAnalysesStale(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`UPDATE "Snapshot"
    SET analysis = jsonb_set(analysis, '{engineVersion}', '"0.0.0-old"'),
        "updatedAt" = timezone('UTC', clock_timestamp())`;
}

/** Copies a stored snapshot to another assessment (as if it had been uploaded there too). */
export async function copySnapshot(prisma: PrismaClient, snapshotId: string, assessmentId: string) {
  const {
    id: _id,
    createdAt: _createdAt,
    blobs,
    ...row
  } = await prisma.snapshot.findUniqueOrThrow({
    where: { id: snapshotId },
    include: { blobs: true },
  });
  return prisma.snapshot.create({
    data: {
      ...row,
      assessmentId,
      blobs: { create: blobs.map(({ part, seq, bytes }) => ({ part, seq, bytes })) },
      countsByKind: row.countsByKind as object,
      facts: row.facts as object,
      warnings: row.warnings as object,
      redactions: row.redactions as object,
      certificates: row.certificates as object,
      analysis: row.analysis as object,
    },
    select: { id: true },
  });
}
