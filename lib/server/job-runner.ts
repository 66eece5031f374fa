// Runs queued jobs (re-analyses, score refreshes) in this process: the app server starts it from
// instrumentation.ts, `npm run worker` runs only this. Several runners share the queue (jobs.claimJob).
// Stopping takes no new job and lets the current one finish; lib/server/lifecycle.ts hands back
// whatever is still running when the shutdown's time is up.
import "server-only";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError } from "@/lib/domain/errors";
import { loggerFor } from "@/lib/observability/log";
import { databaseReady } from "./db";
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

const log = loggerFor("jobs");

const databaseAwayError = (err: unknown) =>
  isDatabaseUnavailable(err) ||
  (err instanceof AppError && (err.code === "starting" || err.code === "database-unavailable"));

type Claimed = NonNullable<Awaited<ReturnType<typeof claimJob>>>;

async function runOne(job: Claimed): Promise<void> {
  const progress = progressReporter(job.id, job.kind as JobKind);
  const report = (stage: string, done: number, total: number) => void progress(stage, done, total);
  const payload = job.payload as { snapshotId?: string };
  log.info({ jobId: job.id, kind: job.kind, attempt: job.attempts }, "job started");
  const started = Date.now();
  try {
    const result = await withLease<unknown>(job.id, () =>
      job.kind === "reanalyse"
        ? reanalyseAndRescore(String(payload.snapshotId), report)
        : refreshAllScores(report),
    );
    await progress("done", 1, 1, true);
    await finishJob(job.id, result);
    log.info({ jobId: job.id, kind: job.kind, ms: Date.now() - started }, "job done");
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

interface Runner {
  /** Takes no new job; resolves once the job under way (if any) is finished. */
  stop(): Promise<void>;
}

const g = globalThis as typeof globalThis & { __kubereadyRunner?: Runner };

/** Starts the loop once per process (after the database is ready); `stop` lets the current job finish. */
export function startJobRunner(): Runner {
  if (g.__kubereadyRunner) return g.__kubereadyRunner;
  let stopping = false;
  let wake = () => {};
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  let lastSweep = 0;
  let databaseAway = false;
  const loop = (async () => {
    await Promise.race([databaseReady().catch(() => {}), new Promise<void>((r) => (wake = r))]);
    while (!stopping) {
      try {
        if (Date.now() - lastSweep > SWEEP_MS) {
          lastSweep = Date.now();
          const failed = await failAbandonedJobs();
          if (failed > 0) log.warn({ failed }, "abandoned jobs marked failed");
        }
        const job = await claimJob(KINDS);
        if (databaseAway) log.info("database back: the job runner carries on");
        databaseAway = false;
        if (job) {
          await runOne(job);
          continue;
        }
      } catch (err) {
        // An outage is said once, not every second it lasts.
        const away = databaseAwayError(err);
        if (!away) log.error({ err }, "job runner error");
        else if (!databaseAway) log.warn({ err }, "database unavailable: the job runner waits");
        databaseAway ||= away;
      }
      if (!stopping) await pause(IDLE_MS);
    }
  })();
  const runner: Runner = {
    async stop() {
      stopping = true;
      wake();
      await loop;
      if (g.__kubereadyRunner === runner) g.__kubereadyRunner = undefined;
    },
  };
  g.__kubereadyRunner = runner;
  log.info("job runner started");
  return runner;
}

/** Stops this process's runner, if one runs (shutdown). */
export async function stopJobRunner(): Promise<void> {
  await g.__kubereadyRunner?.stop();
}
