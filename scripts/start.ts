// `npm start`: builds once if there is no build yet, then serves with `next start`.
// Migrations run inside the server on start (instrumentation.ts), against DATABASE_URL or ./.data.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
  console.log("No production build found: building first (about a minute)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = ["start", "--port", String(env.PORT)];
if (env.HOST) args.push("--hostname", env.HOST);
const server = spawn(process.execPath, [nextBin, ...args], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
