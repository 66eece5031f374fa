// `npm run worker`: a process that only runs queued jobs (re-analyses, score refreshes) against
// DATABASE_URL, beside any number of app instances. Uploads are analysed by the instance that
// received them (their raw bytes are never stored), so workers take the background work.
import { env } from "@/lib/env";
import { closeAnalysisPool } from "@/lib/server/analysis-pool";
import { db } from "@/lib/server/db";
import { startJobRunner } from "@/lib/server/job-runner";
import { WORKER_ID } from "@/lib/server/jobs";

async function main() {
  if (!env.DATABASE_URL) {
    console.error("npm run worker needs DATABASE_URL: the embedded database belongs to the app process.");
    process.exit(2);
  }
  await db();
  const runner = startJobRunner();
  console.log(`[worker] ${WORKER_ID} running jobs`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`[worker] ${signal}: finishing the current job`);
      void runner
        .stop()
        .then(closeAnalysisPool)
        .then(() => process.exit(0));
    });
  }
}

void main();
