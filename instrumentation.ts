// Runs once when the server starts. Observes every HTTP request (request id, access log, metrics),
// begins connecting to the database and applying migrations in the background (retried with backoff
// until the database is there; /api/ready answers 503 "starting" meanwhile, so a database that is
// down at start delays readiness instead of killing the server), runs queued jobs (re-analyses,
// score refreshes) in this process once it is ready, and registers what scripts/start.ts calls from
// outside Next's bundle: the shutdown on SIGTERM and the versions of shared report pages
// (lib/api/shared-page-cache.ts). `npm run worker` adds more runners.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { observeHttpServer } = await import("@/lib/observability/http");
    observeHttpServer();
    const { startDatabase } = await import("@/lib/server/db");
    startDatabase();
    const { registerShutdownHook } = await import("@/lib/server/lifecycle");
    registerShutdownHook();
    const [{ registerSharedPageSource }, { sharedPageVersion }, { countShareView }] = await Promise.all([
      import("@/lib/api/shared-page-cache"),
      import("@/lib/server/reports"),
      import("@/lib/server/share-links"),
    ]);
    registerSharedPageSource({ version: sharedPageVersion, countView: countShareView });
    const { env } = await import("@/lib/env");
    if (env.RUN_JOBS) {
      const { startJobRunner } = await import("@/lib/server/job-runner");
      startJobRunner();
    }
  }
}

/**
 * Errors Next caught while rendering a page or running a route, logged as one JSON line under the
 * request's id with the digest the error page shows (route handlers using lib/api/route.ts map their
 * own errors and never get here). A database outage is a warning: the page says so and retries.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ loggerFor }, { isDatabaseUnavailable }] = await Promise.all([
    import("@/lib/observability/log"),
    import("@/lib/db/unavailable"),
  ]);
  const digest = (error as { digest?: unknown } | null)?.digest;
  const fields = { route: context.routePath, routeType: context.routeType, method: request.method, digest };
  if (isDatabaseUnavailable(error) || (error as { code?: unknown } | null)?.code === "starting") {
    loggerFor("render").warn(
      { ...fields, reason: (error as Error).message },
      "database unavailable while rendering",
    );
  } else {
    loggerFor("render").error({ ...fields, err: error }, "render failed");
  }
}
