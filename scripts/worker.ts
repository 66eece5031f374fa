// `npm run worker`: a process that only runs queued jobs (re-analyses, score refreshes) against
// DATABASE_URL, beside any number of app instances. Uploads are analysed by the instance that
// received them (their raw bytes are never stored), so workers take the background work. It waits
// for the database as long as it takes (retrying with backoff), and on SIGTERM/SIGINT takes no new
// job, lets the current one finish within SHUTDOWN_TIMEOUT_SECONDS or hands it back, then exits 0.
import { env } from "@/lib/env";
import { loggerFor } from "@/lib/observability/log";
import { databaseReady, startDatabase } from "@/lib/server/db";
import { startJobRunner } from "@/lib/server/job-runner";
import { WORKER_ID } from "@/lib/server/jobs";
import { shutdownDataLayer } from "@/lib/server/lifecycle";

const log = loggerFor("worker");

async function main() {
  if (!env.DATABASE_URL) {
    log.fatal("npm run worker needs DATABASE_URL: the embedded database belongs to the app process.");
    process.exit(2);
  }
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      stopping = true;
      log.info(
        { signal, timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS },
        "shutting down: finishing the current job",
      );
      void shutdownDataLayer(Date.now() + env.SHUTDOWN_TIMEOUT_SECONDS * 1000).then(() => {
        log.info("shut down");
        process.exit(0);
      });
    });
  }
  startDatabase();
  // Rejects only when a shutdown closed the database before it was ever ready.
  await databaseReady().catch(() => {});
  if (stopping) return;
  startJobRunner();
  log.info({ worker: WORKER_ID }, "running jobs");
}

main().catch((err: unknown) => {
  log.fatal({ err }, "worker stopped");
  process.exit(1);
});
