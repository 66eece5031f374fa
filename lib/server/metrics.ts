// The figures /metrics reads from the database at scrape time, so every instance reports the same
// queue (the jobs table is shared) and nothing has to be counted twice: queue depth by kind and
// status, the oldest waiting job, analyses and their objects, stored snapshots, and pool use.
import "server-only";
import { metrics } from "@/lib/observability/metrics";
import { databasePoolStats, db } from "./db";

export async function sampleDatabaseMetrics(): Promise<void> {
  const m = metrics();
  const pool = databasePoolStats();
  if (pool) {
    m.databasePool.set({ state: "total" }, pool.total);
    m.databasePool.set({ state: "idle" }, pool.idle);
    m.databasePool.set({ state: "waiting" }, pool.waiting);
  }
  try {
    const prisma = await db();
    const [jobs, oldest, analyses, snapshots] = await Promise.all([
      prisma.job.groupBy({ by: ["kind", "status"], _count: { _all: true } }),
      prisma.job.findFirst({
        where: { status: "queued" },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true },
      }),
      // Each assessment's latest snapshot is its current analysis.
      prisma.$queryRaw<{ analyses: bigint; objects: bigint | null }[]>`
        SELECT count(*) AS analyses, sum(s."objectCount") AS objects
        FROM (SELECT DISTINCT ON ("assessmentId") "objectCount" FROM "Snapshot"
              ORDER BY "assessmentId", "createdAt" DESC) s`,
      prisma.snapshot.count(),
    ]);
    // Series of a kind/status that emptied since the last scrape read 0, not their old value.
    m.jobs.reset();
    for (const status of ["queued", "running"])
      for (const kind of ["upload", "reanalyse", "refresh-scores"]) m.jobs.set({ kind, status }, 0);
    for (const row of jobs) m.jobs.set({ kind: row.kind, status: row.status }, row._count._all);
    m.oldestQueuedJob.set(oldest ? Math.max(0, (Date.now() - oldest.createdAt.getTime()) / 1000) : 0);
    m.analyses.set(Number(analyses[0]?.analyses ?? 0));
    m.analysisObjects.set(Number(analyses[0]?.objects ?? 0));
    m.snapshots.set(snapshots);
    m.databaseUp.set(1);
  } catch {
    // The scrape still answers (process and request metrics matter most during an outage).
    m.databaseUp.set(0);
  }
}
