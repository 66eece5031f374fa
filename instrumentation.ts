// Runs once when the server starts: apply pending migrations (and the ADMIN_EMAIL bootstrap) before
// the first request, so a broken database fails the start instead of the first user; then run queued
// jobs (re-analyses, score refreshes) in this process. `npm run worker` adds more runners.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { db } = await import("@/lib/server/db");
    await db();
    const { env } = await import("@/lib/env");
    if (env.RUN_JOBS) {
      const { startJobRunner } = await import("@/lib/server/job-runner");
      startJobRunner();
    }
  }
}
