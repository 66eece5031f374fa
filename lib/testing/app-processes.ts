// Real app and worker processes for the multi-process tests and `npm run load`: the built app as
// `npm start` runs it (scripts/start.ts) and `npm run worker`, each a child process of its own on
// 127.0.0.1. No test framework here, so scripts can use it too.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** Polls `probe` every 100 ms until it gives something truthy; throws after `ms`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A port nothing listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Whether `dir` holds a production build (`next build` writes BUILD_ID last). */
export const isBuilt = (dir: string) => existsSync(path.join(dir, ".next/BUILD_ID"));

/**
 * Copies the tree at `root` to `dir` (node_modules hard-linked, tests left out) and runs `next build`
 * there, unless `dir` already holds a build. `next build` writes .next, which must not touch a working
 * tree others use. A failed build removes the copy.
 */
export function buildAppCopy(root: string, dir: string, log: (line: string) => void = console.log): void {
  if (isBuilt(dir)) return;
  mkdirSync(dir, { recursive: true });
  const sh = (cmd: string, cwd = root) => {
    const r = spawnSync("sh", ["-c", cmd], {
      cwd,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  };
  try {
    // Tests are not part of the app (and the build would type-check them): leave them out of the copy.
    const excluded = [
      "./node_modules",
      "./.next",
      "./.data",
      "./.git",
      "./test-results",
      "./playwright-report",
      "./dist",
      "./e2e",
      "*.test.ts",
    ];
    sh(`tar ${excluded.map((e) => `--exclude='${e}'`).join(" ")} -cf - . | tar -xf - -C '${dir}'`);
    // Hard links are instant and need no space; across file systems fall back to a symlink.
    sh(
      `cp -al '${root}/node_modules' '${dir}/node_modules' || ln -s '${root}/node_modules' '${dir}/node_modules'`,
    );
    // Types are `npm run typecheck`'s job; here they would only cost time and fail on unrelated work.
    appendFileSync(
      path.join(dir, "next.config.js"),
      "\nmodule.exports.typescript = { ignoreBuildErrors: true };\n",
    );
    const started = Date.now();
    sh(`'${process.execPath}' node_modules/next/dist/bin/next build`, dir);
    // The bundles `npm start`, `npm run worker` and the analysis processes run (postinstall makes them).
    sh(`'${process.execPath}' scripts/build-cli.mjs`, dir);
    log(`[app-processes] next build in ${dir}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  output: string[];
  exited: Promise<number | null>;
}

export interface AppProcesses {
  /** Every process started, in order (stopped ones included). */
  readonly procs: Proc[];
  start(name: string, script: "start" | "worker", extra?: Record<string, string>): Proc;
  stop(proc: Proc, signal?: NodeJS.Signals): Promise<void>;
  /** Stops every process still running. */
  stopAll(signal?: NodeJS.Signals): Promise<void>;
  /** An app instance on `port`, once /api/ready answers 200 (migrated, database reachable). */
  startApp(name: string, port: number, extra?: Record<string, string>): Promise<{ proc: Proc; base: string }>;
  /** A worker process, once it says it runs jobs (logged at "info"). */
  startWorker(name: string, extra?: Record<string, string>): Promise<Proc>;
}

/**
 * Starts processes of the built app in `dir` with `env` (DATABASE_URL and the like) on top of this
 * process's environment. Output is kept in memory and shown when a process dies before it is up.
 */
export function appProcesses(dir: string, env: () => Record<string, string>): AppProcesses {
  const procs: Proc[] = [];

  function start(name: string, script: "start" | "worker", extra: Record<string, string> = {}): Proc {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(childEnv)) if (key.startsWith("VITEST")) delete childEnv[key];
    Object.assign(childEnv, {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      ...env(),
      ...extra,
    });
    // As package.json's scripts run them: the bundle in dist/ while it is fresh, else the TypeScript.
    const args = script === "worker" ? ["--conditions=react-server"] : [];
    const child = spawn(process.execPath, [...args, "scripts/launch.mjs", script], {
      cwd: dir,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    child.stdout.on("data", (d: Buffer) => output.push(d.toString()));
    child.stderr.on("data", (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    const proc = { name, child, pid: child.pid!, output, exited };
    procs.push(proc);
    return proc;
  }

  async function stop(proc: Proc, signal: NodeJS.Signals = "SIGTERM") {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill(signal);
    await proc.exited;
  }

  const died = (proc: Proc) =>
    proc.child.exitCode !== null || proc.child.signalCode !== null
      ? new Error(
          `${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}):\n${proc.output.join("")}`,
        )
      : null;

  return {
    procs,
    start,
    stop,
    async stopAll(signal = "SIGTERM") {
      await Promise.all(procs.map((p) => stop(p, signal)));
    },
    async startApp(name, port, extra = {}) {
      const proc = start(name, "start", { PORT: String(port), ...extra });
      const base = `http://127.0.0.1:${port}`;
      await until(
        `${name} to answer /api/ready`,
        async () => {
          const dead = died(proc);
          if (dead) throw dead;
          return fetch(`${base}/api/ready`).then(
            (r) => r.ok,
            () => false,
          );
        },
        90_000,
      );
      return { proc, base };
    },
    startWorker(name, extra = {}) {
      const proc = start(name, "worker", extra);
      return until(
        `${name} to start`,
        () => {
          const dead = died(proc);
          if (dead) throw dead;
          return proc.output.join("").includes("running jobs") && proc;
        },
        90_000,
      );
    },
  };
}
