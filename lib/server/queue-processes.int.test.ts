// The queue across real processes on one PostgreSQL database: the built app (scripts/start.ts, as
// `npm start` runs it) and `npm run worker` processes. A job survives a server killed mid-job; two app
// instances and one worker share a queue, each job running once; a hostile archive does not hold up
// /api/health. The app is built once per test run, in a private copy of the tree (lib/testing/app-build.ts);
// QUEUE_TEST_APP_DIR names an already built copy to reuse.
import { readFileSync } from "node:fs";
import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { builtApp } from "@/lib/testing/app-build";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { appProcesses, freePort, until, type AppProcesses } from "@/lib/testing/app-processes";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { copySnapshot, deploymentList, makeAnalysesStale } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "./analysis-pool";
import { createAssessment } from "./assessments";
import { enqueueJob } from "./jobs";
import { requestScoreRefresh } from "./scoring";
import { uploadSnapshot } from "./uploads";
import { createApiToken } from "./users";

const MB = 1024 * 1024;
/** Short enough that a killed runner's job is taken up within seconds, long enough for a thread's start. */
const LEASE_SECONDS = 4;
/** Uploads are capped lower than the default so the memory bound below means something. */
const MAX_UPLOAD_MB = 64;

const hasPostgres = (await availableKinds()).includes("postgresql");
if (!hasPostgres)
  console.warn("[queue-processes] PostgreSQL unreachable: the multi-process queue tests are skipped.");

describe.runIf(hasPostgres)("the job queue across processes on postgresql", () => {
  let t: TestDatabase | undefined;
  let admin: UserPrincipal;
  let token: string;
  let template: string;
  let processes: AppProcesses;

  const prisma = () => t!.database.prisma;

  /** Assessments whose latest snapshot was analysed by an "older engine": each needs a re-analysis. */
  async function staleAssessments(count: number): Promise<{ id: string; snapshotId: string }[]> {
    const out = [];
    for (let i = 0; i < count; i++) {
      const a = await createAssessment(admin, { name: `Cluster ${i}` });
      out.push({ id: a.id, snapshotId: (await copySnapshot(prisma(), template, a.id)).id });
    }
    await makeAnalysesStale(prisma());
    return out;
  }

  const pidOf = (lockedBy: string | null) => Number(lockedBy?.split(":")[1]);

  beforeAll(async () => {
    const dir = builtApp();
    const setup = await setUpAppDatabase("postgresql");
    t = setup.t;
    admin = asUser(setup.admin);
    token = (await createApiToken(admin, { name: "queue test", scope: "write", expiresAt: null })).token;
    const seed = await createAssessment(admin, { name: "Seed" });
    // 1,500 Deployments: a re-analysis takes a noticeable fraction of a second, so jobs overlap.
    const stored = await uploadSnapshot(admin, seed.id, [{ name: "apps.json", data: deploymentList(1500) }]);
    template = stored.snapshot.id;
    await closeAnalysisPool();
    processes = appProcesses(dir, () => ({
      DATABASE_URL: t!.url!,
      JOB_LEASE_SECONDS: String(LEASE_SECONDS),
      MAX_UPLOAD_MB: String(MAX_UPLOAD_MB),
    }));
  }, 300_000);

  afterAll(async () => {
    await processes?.stopAll("SIGKILL");
    await t?.drop();
  }, 60_000);

  it("finishes a score refresh whose server was killed mid-job, once the server is back", async () => {
    const port = await freePort();
    const first = await processes.startApp("app", port);
    const assessments = await staleAssessments(16);
    const job = await requestScoreRefresh(admin, "queue-processes test");
    const running = await until("the server to be part-way through the refresh", async () => {
      const row = await prisma().job.findUniqueOrThrow({ where: { id: job.id } });
      return row.status === "running" && row.done >= 2 && row;
    });
    expect(pidOf(running.lockedBy)).toBe(first.proc.pid);
    await processes.stop(first.proc, "SIGKILL");
    const killedAt = Date.now();

    const second = await processes.startApp("app (restarted)", port);
    const done = await until("the refresh to finish after the restart", async () => {
      const row = await prisma().job.findUniqueOrThrow({ where: { id: job.id } });
      return row.status !== "running" && row.status !== "queued" && row;
    });
    console.log(
      `[queue-processes] refresh resumed and done ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
    );
    expect(done).toMatchObject({
      status: "done",
      attempts: 2,
      result: { assessments: assessments.length + 1 },
    });
    expect(pidOf(done.lockedBy)).toBe(second.proc.pid);
    const snapshots = await prisma().snapshot.findMany({ select: { analysis: true } });
    for (const s of snapshots)
      expect((s.analysis as { engineVersion: string }).engineVersion).not.toBe("0.0.0-old");
    await processes.stop(second.proc);
  }, 180_000);

  it("shares one queue between two app instances and a worker process, running each job once", async () => {
    const apps = await Promise.all([
      processes.startApp("app 1", await freePort()),
      processes.startApp("app 2", await freePort()),
    ]);
    const worker = await processes.startWorker("worker");
    const runners = new Set([...apps.map((a) => a.proc.pid), worker.pid]);
    const assessments = await staleAssessments(12);
    // Half the jobs come from this process, half from the app instances: reading a report whose
    // analysis is stale enqueues its re-analysis.
    const direct = [];
    for (const [i, a] of assessments.entries()) {
      if (i % 2 === 0) {
        direct.push(
          await enqueueJob({
            kind: "reanalyse",
            userId: null,
            assessmentId: a.id,
            payload: { snapshotId: a.snapshotId },
          }),
        );
      } else {
        const res = await fetch(`${apps[i % 4 === 1 ? 0 : 1].base}/api/assessments/${a.id}/report`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
      }
    }
    expect(direct.length).toBe(6);
    const ids = assessments.map((a) => a.id);
    const jobs = await until("every re-analysis to finish", async () => {
      const rows = await prisma().job.findMany({ where: { kind: "reanalyse", assessmentId: { in: ids } } });
      return (
        rows.length >= ids.length && rows.every((r) => r.status === "done" || r.status === "failed") && rows
      );
    });
    expect(jobs.length).toBe(ids.length);
    const byRunner = new Map<number, number>();
    for (const j of jobs) byRunner.set(pidOf(j.lockedBy), (byRunner.get(pidOf(j.lockedBy)) ?? 0) + 1);
    console.log(
      `[queue-processes] ${jobs.length} jobs by runner: ${[...byRunner].map(([pid, n]) => `${pid === worker.pid ? "worker" : "app"} ${pid}: ${n}`).join(", ")}`,
    );
    for (const j of jobs) expect(j).toMatchObject({ status: "done", attempts: 1, error: null });
    expect([...byRunner.keys()].every((pid) => runners.has(pid))).toBe(true);
    expect(byRunner.size).toBeGreaterThanOrEqual(2);
    const stale = await prisma().snapshot.count({
      where: { assessmentId: { in: ids }, analysis: { path: ["engineVersion"], equals: "0.0.0-old" } },
    });
    expect(stale).toBe(0);
    for (const p of [...apps.map((a) => a.proc), worker]) await processes.stop(p);
  }, 180_000);

  it("keeps /api/health answering while gzip bombs are refused with 413", async () => {
    const { proc, base } = await processes.startApp("app", await freePort());
    const bomb = await gzipOfZeros(1024 * MB);
    const assessment = await createAssessment(admin, { name: "Bombed" });
    const auth = { authorization: `Bearer ${token}` };
    const rss = () => {
      try {
        return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"))?.[1]) * 1024;
      } catch {
        return 0;
      }
    };
    for (let i = 0; i < 20; i++) await fetch(`${base}/api/health`);
    const rssBefore = rss();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rss())), 25);

    const latencies: number[] = [];
    let uploading = true;
    const poller = (async () => {
      while (uploading) {
        const started = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        expect(res.status).toBe(200);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const uploadUrl = `${base}/api/assessments/${assessment.id}/snapshots`;
    const startedAt = Date.now();
    try {
      // Two at once (the per-user limit): a raw gzip body answered when refused, and the same bomb as a
      // browser form, refused on its job.
      const form = new FormData();
      form.append("file", new Blob([bomb]), "cluster.json.gz");
      const [waited, queued] = await Promise.all([
        fetch(`${uploadUrl}?wait=1&filename=cluster.json.gz`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/gzip" },
          body: bomb,
        }),
        fetch(uploadUrl, { method: "POST", headers: auth, body: form }),
      ]);
      expect(waited.status).toBe(413);
      expect(await waited.json()).toMatchObject({ code: "payload-too-large" });
      expect(queued.status).toBe(202);
      const { job } = (await queued.json()) as { job: { id: string } };
      const failed = await until("the form upload's job to fail", async () => {
        const res = await fetch(`${base}/api/jobs/${job.id}`, { headers: auth });
        const body = (await res.json()) as { job: { status: string; error: { code: string } | null } };
        return body.job.status !== "running" && body.job;
      });
      expect(failed).toMatchObject({ status: "failed", error: { code: "payload-too-large" } });
    } finally {
      uploading = false;
      await poller;
      clearInterval(sampler);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    console.log(
      `[queue-processes] bombs refused in ${Date.now() - startedAt} ms; /api/health ×${sorted.length}: median ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms; server RSS ${(rssBefore / MB).toFixed(0)} → peak ${(rssPeak / MB).toFixed(0)} MB`,
    );
    // The bench holds the p99 ≤ 100 ms target under load; here, on a shared CI machine that also runs
    // the test and the build's leftovers, no check may stall (1 s) and the typical one must be fast.
    expect(sorted.length).toBeGreaterThanOrEqual(10);
    expect(sorted.at(-1)!).toBeLessThan(1000);
    expect(at(0.5)).toBeLessThan(100);
    // Inflation stops at the cap: what the server holds is bounded by it, never by the 2 GiB the bombs claim.
    expect(rssPeak - rssBefore).toBeLessThan(4 * MAX_UPLOAD_MB * MB);
    await processes.stop(proc);
  }, 180_000);
});

/** `bytes` of zeros, gzipped: about a thousandth of the size, generated without holding the zeros. */
async function gzipOfZeros(bytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const gz = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gz.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => gz.once("end", resolve));
  const zeros = Buffer.alloc(MB);
  for (let written = 0; written < bytes; written += MB) {
    if (!gz.write(zeros)) await new Promise((resolve) => gz.once("drain", resolve));
  }
  gz.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
