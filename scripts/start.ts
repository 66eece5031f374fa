// `npm start`: builds once if there is no build yet, then serves the app from this process (Next's
// request handler behind node:http), so every request carries the socket's real peer address for
// throttling (lib/api/client-address.ts explains why `next start` alone cannot give it), and shared
// report pages are served from memory while their version holds (lib/api/shared-page-cache.ts).
// Migrations run inside the server on start (instrumentation.ts), against DATABASE_URL or ./.data.
//
// SIGTERM/SIGINT shut down gracefully: no new connections, requests under way finish, the job runner
// takes no new job, running jobs finish or are handed back (lib/server/lifecycle.ts), the analysis
// threads and the database close, exit 0, all within SHUTDOWN_TIMEOUT_SECONDS.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { stampPeerAddress } from "@/lib/api/client-address";
import { sharedPageCache } from "@/lib/api/shared-page-cache";
import { env } from "@/lib/env";
import { loggerFor } from "@/lib/observability/log";

const log = loggerFor("server");
const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  log.info("no production build found: building first (about a minute)");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Registered by instrumentation.ts inside Next's bundle (this script cannot load the data layer). */
type ShutdownHook = (deadline: number, requestsDrained: Promise<unknown>) => Promise<void>;
const shutdownHook = () => (globalThis as { __kubereadyShutdown?: ShutdownHook }).__kubereadyShutdown;

async function main() {
  const app = next({ dev: false, dir: root, hostname: env.HOST ?? "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const sharedPages = sharedPageCache();
  let stopping = false;
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    // Keep-alive clients are told to reconnect (to another instance) after this answer.
    if (stopping) res.setHeader("connection", "close");
    void sharedPages.handle(req, res, () => handle(req, res));
  });
  server.listen(env.PORT, env.HOST, () => {
    log.info({ port: env.PORT, host: env.HOST ?? "localhost" }, "Kubeready listening");
  });

  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    log.info(
      { signal, timeoutSeconds: env.SHUTDOWN_TIMEOUT_SECONDS },
      "shutting down: taking no new requests or jobs, finishing those under way",
    );
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const hook = shutdownHook();
    if (hook) await hook(deadline, drained);
    else await Promise.race([drained, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    // Requests still open at the deadline are cut; their clients retry elsewhere.
    server.closeAllConnections();
    log.info("shut down");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, (s) => void shutdown(s));
}

main().catch((err: unknown) => {
  log.fatal({ err }, "could not start");
  process.exit(1);
});
