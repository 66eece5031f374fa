// The job worker as the container image runs it (kubeready/worker.mjs, bundled by
// scripts/build-standalone.mjs): `npm run worker` (scripts/worker.ts) plus the probes an orchestrator
// needs on a process that serves no HTTP of its own, on port 3001:
//   GET /api/health  liveness: the event loop answers (never touches the database, so an outage does
//                    not get the worker restarted for nothing);
//   GET /api/ready   readiness: the database answers and has this build's migrations (what a rollout
//                    should wait for before it counts a new worker as available), else 503.
import { createServer } from "node:http";
import { checkDatabase } from "@/lib/server/db";
import "./worker";

export const PROBE_PORT = 3001;

const server = createServer((req, res) => {
  const reply = (status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (req.method !== "GET") return reply(405, { status: "method not allowed" });
  if (req.url === "/api/health") return reply(200, { status: "ok" });
  if (req.url === "/api/ready") {
    checkDatabase().then(
      ({ kind, migration }) => reply(200, { status: "ready", database: kind, migration }),
      (err: unknown) => reply(503, { status: "unavailable", reason: (err as Error).message }),
    );
    return;
  }
  reply(404, { status: "not found" });
});
server.listen(PROBE_PORT);
// The probes never keep a worker alive that is shutting down (scripts/worker.ts exits when done).
server.unref();
