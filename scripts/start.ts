// `npm start`: builds once if there is no build yet, then serves the app from this process (Next's
// request handler behind node:http), so every request carries the socket's real peer address for
// throttling (lib/api/client-address.ts explains why `next start` alone cannot give it).
// Migrations run inside the server on start (instrumentation.ts), against DATABASE_URL or ./.data.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { stampPeerAddress } from "@/lib/api/client-address";
import { env } from "@/lib/env";

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.log("No production build found: building first (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

async function main() {
  const app = next({ dev: false, dir: root, hostname: env.HOST ?? "localhost", port: env.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    void handle(req, res);
  });
  server.listen(env.PORT, env.HOST, () => {
    console.log(`Kubeready listening on http://${env.HOST ?? "localhost"}:${env.PORT}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.close(() => process.exit(0)));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
