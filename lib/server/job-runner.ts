// Runs queued jobs (re-analyses, score refreshes) in this process: the app server starts it from
// instrumentation.ts, `npm run worker` runs only this. Several runners share the queue (jobs.claimJob).
import "server-only";
import {
  claimJob,
  failAbandonedJobs,
  failJob,
  finishJob,
  problemOf,
  progressReporter,
  withLease,
  type JobKind,
} from "./jobs";
import { reanalyseAndRescore, refreshAllScores } from "./scoring";

const KINDS: JobKind[] = ["reanalyse", "refresh-scores"];
const IDLE_MS = 1000;
const SWEEP_MS = 30_000;

type Claimed = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

async function runOne(job: Claimed): Promise<void> {
  const progress = progressReporter(job.id);
  const report = (stage: string, done: number, total: number) => void progress(stage, done, total);
  const payload = job.payload as { snapshotId?: string };
  try {
    const result = await withLease<unknown>(job.id, () =>
      job.kind === "reanalyse"
        ? reanalyseAndRescore(String(payload.snapshotId), report)
        : refreshAllScores(report),
    );
    await progress("done", 1, 1, true);
    await finishJob(job.id, result);
  } catch (err) {
    await failJob(job.id, problemOf(err, job.id));
  }
}

/** Runs queued jobs until none is left; returns how many ran. Tests call it to settle the queue. */
export async function drainJobs(): Promise<number> {
  let ran = 0;
  for (let job = await claimJob(KINDS); job; job = await claimJob(KINDS)) {
    await runOne(job);
    ran++;
  }
  return ran;
}

const g = globalThis as typeof globalThis & { __kubereadyRunner?: { stop(): Promise<void> } };

/** Starts the loop once per process; `stop` lets the current job finish. */
export function startJobRunner(log: (line: string) => void = console.log): { stop(): Promise<void> } {
  if (g.__kubereadyRunner) return g.__kubereadyRunner;
  let stopping = false;
  let lastSweep = 0;
  const loop = (async () => {
    while (!stopping) {
      try {
        if (Date.now() - lastSweep > SWEEP_MS) {
          lastSweep = Date.now();
          const failed = await failAbandonedJobs();
          if (failed > 0) log(`[jobs] ${failed} abandoned job(s) marked failed`);
        }
        if ((await drainJobs()) > 0) continue;
      } catch (err) {
        log(`[jobs] runner error: ${err instanceof Error ? err.message : String(err)}`);
      }
      await new Promise((r) => setTimeout(r, IDLE_MS).unref());
    }
  })();
  g.__kubereadyRunner = {
    async stop() {
      stopping = true;
      await loop;
      g.__kubereadyRunner = undefined;
    },
  };
  return g.__kubereadyRunner;
}
