// Graceful shutdown of the data side of a process (the app server's, via the hook instrumentation.ts
// registers, and `npm run worker`'s): no new jobs are taken, the jobs under way get until the deadline
// to finish, what still runs then is handed back (lib/server/jobs.ts handBackJobs), and the analysis
// threads and the database are closed. The HTTP side (stop accepting, drain requests) is scripts/start.ts.
import "server-only";
import { loggerFor } from "@/lib/observability/log";
import { closeAnalysisPool } from "./analysis-pool";
import { closeDatabase } from "./db";
import { stopJobRunner } from "./job-runner";
import { handBackJobs, ownRunningJobCount } from "./jobs";

const log = loggerFor("shutdown");
const POLL_MS = 250;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `done` until `deadline` (epoch ms); true when it settled in time. */
async function within(done: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(
    (r) => (timer = setTimeout(() => r(false), Math.max(0, deadline - Date.now()))),
  );
  try {
    return await Promise.race([done.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Jobs this process runs outside its runner (uploads it analyses), waited for until the deadline. */
async function ownJobsFinished(deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      if ((await ownRunningJobCount()) === 0) return true;
    } catch (err) {
      // The database is away (or never came): nothing could be recorded or handed back now; jobs
      // this process held are taken up by another runner once their leases lapse (jobs.claimJob).
      log.warn(
        { err },
        "database unavailable during shutdown: running jobs, if any, wait for their leases to lapse",
      );
      return true;
    }
    await sleep(POLL_MS);
  }
  return false;
}

/**
 * `deadline` is epoch ms; `requestsDrained` settles when the server has answered its last request
 * (the database stays open until then, or until the deadline).
 */
export async function shutdownDataLayer(
  deadline: number,
  requestsDrained: Promise<unknown> = Promise.resolve(),
): Promise<void> {
  const runnerStopped = stopJobRunner();
  const finished =
    (await within(Promise.all([runnerStopped, requestsDrained]), deadline)) &&
    (await ownJobsFinished(deadline));
  if (!finished) {
    try {
      const { requeued, interrupted } = await handBackJobs();
      log.warn(
        { requeued, interrupted },
        "shutdown deadline reached: running jobs handed back to the queue, interrupted uploads failed",
      );
    } catch (err) {
      // Their leases lapse and another runner takes them up (jobs.claimJob); nothing is lost.
      log.error({ err }, "could not hand back running jobs; their leases will lapse");
    }
  } else {
    log.info("no job left running");
  }
  await closeAnalysisPool().catch((err: unknown) => log.error({ err }, "closing the analysis threads"));
  await closeDatabase().catch((err: unknown) => log.error({ err }, "closing the database"));
}

/**
 * Makes the shutdown reachable from scripts/start.ts, which serves Next from outside its bundles
 * (and cannot import data-layer modules, which need the react-server condition): a function on
 * globalThis, like the database and the job runner themselves.
 */
export function registerShutdownHook(): void {
  (globalThis as typeof globalThis & { __kubereadyShutdown?: typeof shutdownDataLayer }).__kubereadyShutdown =
    shutdownDataLayer;
}
