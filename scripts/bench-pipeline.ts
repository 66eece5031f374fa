// The snapshot pipeline benchmark (`npm run bench`, or `npm run bench -- --only pipeline`): what a person
// waits for, end to end, on the bench's large list, against the engine doing the same work alone.
//
// - In-process analysis: a fresh `node` process runs what the server's worker thread runs for an
//   upload (dist/analysis-worker.mjs: read, parse, redact, analyse, gzip the objects), timed from reading
//   the file to the result.
// - Upload → report ready: the built app (scripts/start.ts) on a fresh embedded database, then on a fresh
//   PostgreSQL database; the file is POSTed as a raw body with `?wait=1`, and the clock stops when
//   GET /api/assessments/{id}/report shows the new snapshot's readiness. One small upload first warms the
//   routes, starts the worker thread and leaves a spare analysis process, as on any server that has served
//   an upload.
// - Server peak RSS: VmHWM of the server process (its threads included: the embedded database's) after the
//   uploads, and its growth over the idle server; the analysis processes' own peak (each reports its
//   maxRSS in the server's log) and the idle spare's RSS apart.
// - Whole-process `kubeready analyze` (text, and `--format json`, which lists every result) against a
//   whole-process `node -e JSON.parse(...)` of the same file.
// - /api/health p99 under autocannon (10 connections, 100 requests/s in all, 127.0.0.1) while four uploads
//   of the large file run at once, from two users (one user may have two uploads under way).
//
// Needs a production build (`next build`) in the working directory and, for the PostgreSQL part, a server
// on 127.0.0.1:5432 (user postgres, trust); without one that part is skipped.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { Client } from "pg";

const ROOT = resolve(__dirname, "..");
const MB = 1024 * 1024;
const PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
const DEMO = resolve(ROOT, "../shared/corpus/manifests/microservices-demo/release/kubernetes-manifests.yaml");

export type Row = [string, string, string, string];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const pairedRatio = (a: number[], b: number[]) => median(a.map((x, i) => x / (b[i] ?? NaN)));
const all = (xs: number[]) => xs.map((x) => x.toFixed(0)).join("/");
const verdict = (value: number, target: number, unit = "×") =>
  `≤ ${target}${unit} ${value <= target ? "MET" : "MISSED"}`;

// ---- whole processes ----

function wallMs(args: string[]): number {
  const devNull = openSync("/dev/null", "w");
  try {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, args, {
      cwd: ROOT,
      stdio: ["ignore", devNull, "pipe"],
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    // analyze exits 1 when it finds blocking findings, which the bench list has.
    if (res.status !== 0 && res.status !== 1) throw new Error(`${args.join(" ")} failed: ${res.stderr}`);
    return ms;
  } finally {
    closeSync(devNull);
  }
}

/** What the worker thread does for one upload, alone in a fresh process; prints its time in ms. */
const IN_PROCESS = `
import { readFileSync } from "node:fs";
const { default: task } = await import(process.argv[1]);
const file = process.argv[2];
const t0 = performance.now();
const data = readFileSync(file);
const out = await task({ kind: "upload", files: [{ name: file, data }], maxBytes: 1024 * 1024 * 1024,
  exemptions: [], exemptionsFingerprint: "" });
if (!out.ok) throw new Error(out.message);
process.stdout.write(JSON.stringify({ ms: performance.now() - t0, gzBytes: out.objectsGz.byteLength }));
`;

function inProcessMs(file: string): number {
  const res = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", IN_PROCESS, join(ROOT, "dist/analysis-worker.mjs"), file],
    { cwd: ROOT, encoding: "utf8", maxBuffer: MB },
  );
  if (res.status !== 0) throw new Error(`in-process analysis failed: ${res.stderr}`);
  return (JSON.parse(res.stdout) as { ms: number }).ms;
}

// ---- the server ----

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? ok(addr.port) : fail(new Error("no port"))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The server's child processes whose command line contains `marker`. */
function childPids(serverPid: number, marker: string): number[] {
  const pids: number[] = [];
  for (const tid of readdirSync(`/proc/${serverPid}/task`)) {
    const children = readFileSync(`/proc/${serverPid}/task/${tid}/children`, "utf8").trim().split(/\s+/);
    for (const child of children.filter(Boolean).map(Number)) {
      const cmdline = readFileSync(`/proc/${child}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(marker)) pids.push(child);
    }
  }
  return pids;
}

function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(m?.[1] ?? NaN);
}

interface Server {
  base: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>, logFile: string): Promise<Server> {
  const port = await freePort();
  const log = openSync(logFile, "a");
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not allowed in
  // NODE_OPTIONS); the profile is written when the server exits.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  // As `npm start` runs it: dist/start.mjs while it is fresh (no TypeScript compiled at run time).
  const args = [...extra, "scripts/launch.mjs", "start"];
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: "",
      PUBLIC_URL: "",
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}); see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`server did not answer in 120 s; see ${logFile}`);
    const ok = await fetch(`${base}/api/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await sleep(250);
  }
  return {
    base,
    proc,
    stop: () =>
      new Promise<void>((ok) => {
        if (proc.exitCode !== null) return ok();
        proc.once("exit", () => ok());
        proc.kill("SIGTERM");
        setTimeout(() => proc.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/** A signed-in API client: keeps the session cookie and sends the Origin the CSRF check wants. */
class ApiClient {
  private cookie = "";
  constructor(private readonly base: string) {}

  // node:http with a connection per request: a kept-alive socket that the server closes while the
  // bench is busy elsewhere (in-process rounds take seconds) would fail the next 120 MB write with EPIPE.
  call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const payload = body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body);
    return new Promise((ok, fail) => {
      const req = request(
        this.base + path,
        {
          method,
          agent: false,
          headers: {
            origin: this.base,
            cookie: this.cookie,
            ...(payload === undefined ? {} : { "content-type": "application/json" }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", fail);
          res.on("end", () => {
            const setCookie = res.headers["set-cookie"] ?? [];
            if (setCookie.length) this.cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              fail(new Error(`${method} ${path}: ${status} ${text.slice(0, 300)}`));
            } else ok(JSON.parse(text) as Record<string, unknown>);
          });
        },
      );
      req.on("error", fail);
      req.end(payload);
    });
  }

  async newAssessment(name: string): Promise<string> {
    const { assessment } = (await this.call("POST", "/api/assessments", { name })) as {
      assessment: { id: string };
    };
    return assessment.id;
  }

  /** Uploads and waits until the report shows the new snapshot's readiness; returns the elapsed ms. */
  async uploadUntilReport(assessmentId: string, data: Uint8Array, filename: string): Promise<number> {
    const t0 = performance.now();
    const up = (await this.call(
      "POST",
      `/api/assessments/${assessmentId}/snapshots?wait=1&filename=${filename}`,
      data,
    )) as { snapshot: { filename: string } };
    for (;;) {
      const report = (await this.call("GET", `/api/assessments/${assessmentId}/report`)) as {
        readiness: unknown;
        refreshing?: boolean;
        snapshot: { filename: string } | null;
      };
      // Each upload of a run has a file name of its own.
      if (report.snapshot?.filename === up.snapshot.filename && report.readiness && !report.refreshing) break;
      await sleep(20);
    }
    return performance.now() - t0;
  }
}

const PASSWORD = "bench pipeline passphrase 7431";
const person = (n: string) => ({ email: `${n}@bench.example.com`, name: `Bench ${n}`, password: PASSWORD });

async function signedInAdmin(base: string): Promise<ApiClient> {
  const admin = new ApiClient(base);
  await admin.call("POST", "/api/setup", person("admin"));
  return admin;
}

async function member(admin: ApiClient, base: string, n: string): Promise<ApiClient> {
  await admin.call("POST", "/api/admin/users", { ...person(n), role: "member" });
  const c = new ApiClient(base);
  await c.call("POST", "/api/auth/login", { email: person(n).email, password: PASSWORD });
  return c;
}

interface DbRun {
  db: string;
  uploadMs: number[];
  inProcessMs: number[];
  idleRssKb: number;
  peakRssKb: number;
  /** The largest peak of an analysis process (a process of its own per snapshot), from the server's log. */
  analysisPeakMb?: number;
  /** The idle analysis process waiting for the next upload, after the rounds. */
  spareRssKb?: number;
  /** The embedded database's process (PGlite only), after the rounds. */
  databasePeakRssKb?: number;
  /** The server's peak after the four concurrent uploads as well. */
  peakRssFourKb?: number;
  health?: { p50: number; p99: number; max: number; requests: number; uploadsMs: number };
}

/** /api/health under a bounded autocannon load while four uploads of `data` run at once. */
async function healthUnderUploads(admin: ApiClient, base: string, data: Uint8Array) {
  const users = [admin, await member(admin, base, "member1")];
  // An assessment per upload: the report shows an assessment's latest snapshot only.
  const targets = await Promise.all(
    [0, 1, 2, 3].map(async (i) => {
      const u = users[i % 2] as ApiClient;
      return { u, id: await u.newAssessment(`Bench concurrent ${i}`) };
    }),
  );
  let finished: (r: autocannon.Result) => void = () => undefined;
  const result = new Promise<autocannon.Result>((ok) => (finished = ok));
  const load = autocannon(
    { url: `${base}/api/health`, connections: 10, overallRate: 100, duration: 600 },
    (err, r) => (err ? console.error(err) : finished(r)),
  );
  const t0 = performance.now();
  await Promise.all(
    [0, 1, 2, 3].map((i) => {
      const { u, id } = targets[i] as (typeof targets)[number];
      return u.uploadUntilReport(id, data, `concurrent-${i}.json`);
    }),
  );
  const uploadsMs = performance.now() - t0;
  load.stop();
  const { latency, requests } = await result;
  return {
    p50: latency.p50,
    p99: latency.p99,
    max: latency.max,
    requests: requests.total,
    uploadsMs,
  };
}

/** The largest `maxRssMb` of the "analysis done" lines the server logged. */
/** The server's own account of the last upload: receiving, analysing, storing and scoring, in ms. */
function lastUploadPhases(logFile: string): string {
  const lines = readFileSync(logFile, "utf8").split("\n");
  const last = (msg: string) => {
    const line = lines.findLast((l) => l.includes(`"msg":"${msg}"`));
    return line ? (JSON.parse(line) as Record<string, number>) : {};
  };
  const r = last("upload received");
  const s = last("upload stored");
  return `(server: receive ${r.receiveMs} ms, analyse ${s.analyseMs} ms, store ${s.storeMs} ms, score ${s.scoreMs} ms)`;
}

function analysisPeakMb(logFile: string): number | undefined {
  const peaks = readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.includes('"analysis done"'))
    .map((l) => (JSON.parse(l) as { maxRssMb?: number }).maxRssMb ?? 0);
  return peaks.length ? Math.max(...peaks) : undefined;
}

async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const name = `kubeready_bench_${randomBytes(4).toString("hex")}`;
  const client = new Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    url: `postgresql://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function benchDatabase(
  db: "PGlite" | "PostgreSQL",
  env: Record<string, string>,
  file: string,
  data: Uint8Array,
  runs: number,
  dir: string,
  withHealth: boolean,
): Promise<DbRun> {
  const server = await startServer(env, join(dir, `server-${db}.log`));
  try {
    const admin = await signedInAdmin(server.base);
    const warm = await admin.newAssessment("Bench warm-up");
    await admin.uploadUntilReport(warm, readFileSync(DEMO), "warm-up.yaml");
    const idleRssKb = statusKb(server.proc.pid ?? 0, "VmRSS");
    const run: DbRun = { db, uploadMs: [], inProcessMs: [], idleRssKb, peakRssKb: 0 };
    const id = await admin.newAssessment("Bench pipeline");
    // In turn, so that a slow minute of this shared machine hits both sides of the ratio.
    for (let r = 0; r < runs; r++) {
      run.inProcessMs.push(inProcessMs(file));
      run.uploadMs.push(await admin.uploadUntilReport(id, data, `bench-${r}.json`));
      console.log(
        `  ${db} round ${r + 1}: in-process ${run.inProcessMs.at(-1)?.toFixed(0)} ms, upload → report ${run.uploadMs.at(-1)?.toFixed(0)} ms ${lastUploadPhases(join(dir, `server-${db}.log`))}`,
      );
    }
    run.peakRssKb = statusKb(server.proc.pid ?? 0, "VmHWM");
    run.analysisPeakMb = analysisPeakMb(join(dir, `server-${db}.log`));
    // The embedded database's process (lib/db/pglite-server.mjs), if there is one.
    const [dbPid] = childPids(server.proc.pid ?? 0, "pglite-server.mjs");
    if (dbPid) run.databasePeakRssKb = statusKb(dbPid, "VmHWM");
    // The analysis process forked ahead of the next upload, idle.
    const [sparePid] = childPids(server.proc.pid ?? 0, "analysis-process");
    if (sparePid) run.spareRssKb = statusKb(sparePid, "VmRSS");
    if (withHealth) {
      run.health = await healthUnderUploads(admin, server.base, data);
      run.peakRssFourKb = statusKb(server.proc.pid ?? 0, "VmHWM");
      console.log(
        `  ${db} four concurrent uploads: ${run.health.uploadsMs.toFixed(0)} ms, /api/health p99 ${run.health.p99} ms, server peak RSS since start ${((run.peakRssFourKb * 1024) / MB).toFixed(0)} MB`,
      );
    }
    return run;
  } finally {
    await server.stop();
  }
}

export async function benchPipeline(
  file: string,
  objects: number,
  runs: number,
  dir: string,
  healthOn: "PGlite" | "PostgreSQL" | "both" = "both",
  databases: "pglite" | "postgresql" | "both" = "both",
): Promise<Row[]> {
  if (!existsSync(join(ROOT, ".next/BUILD_ID"))) {
    throw new Error("the pipeline bench needs a production build here: run `next build` first");
  }
  const build = spawnSync(process.execPath, ["scripts/build-cli.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  const data = readFileSync(file);
  const size = data.byteLength;
  console.log(
    `\npipeline: ${objects} objects / ${(size / MB).toFixed(1)} MB, ${runs} rounds per measurement`,
  );

  // Whole processes, in turn: the CLI (bundle) and JSON.parse of the same file.
  // Text (the default) keeps only notable results; JSON lists all of them (446,000 for the bench list).
  const cli: number[] = [];
  const cliText: number[] = [];
  const parse: number[] = [];
  for (let r = 0; r < runs; r++) {
    parse.push(wallMs(["-e", "JSON.parse(require('fs').readFileSync(process.argv[1]))", file]));
    cli.push(wallMs(["bin/kubeready.mjs", "analyze", file, "--format", "json"]));
    cliText.push(wallMs(["bin/kubeready.mjs", "analyze", file]));
  }
  console.log(`  CLI json ${all(cli)} ms, text ${all(cliText)} ms, node -e JSON.parse ${all(parse)} ms`);

  const runsByDb: DbRun[] = [];
  const dataDir = join(dir, "pglite");
  mkdirSync(dataDir, { recursive: true });
  if (databases !== "postgresql") {
    runsByDb.push(
      await benchDatabase(
        "PGlite",
        { KUBEREADY_DATA_DIR: join(dataDir, "data") },
        file,
        data,
        runs,
        dir,
        healthOn !== "PostgreSQL",
      ),
    );
  }
  const pg = databases === "pglite" ? undefined : await createPgDatabase();
  if (pg) {
    try {
      runsByDb.push(
        await benchDatabase(
          "PostgreSQL",
          { DATABASE_URL: pg.url },
          file,
          data,
          runs,
          dir,
          healthOn !== "PGlite",
        ),
      );
    } finally {
      await pg.drop();
    }
  } else if (databases !== "pglite") {
    console.log("  PostgreSQL on 127.0.0.1:5432 not reachable: skipped");
  }

  const rows: Row[] = [];
  const cliRatio = pairedRatio(cli, parse);
  rows.push(["whole-process `node -e JSON.parse`", `${median(parse).toFixed(0)} ms`, "", ""]);
  rows.push([
    "whole-process `kubeready analyze --format json`",
    `${median(cli).toFixed(0)} ms`,
    `${cliRatio.toFixed(2)}× node -e JSON.parse`,
    verdict(cliRatio, 2.5),
  ]);
  const textRatio = pairedRatio(cliText, parse);
  rows.push([
    "whole-process `kubeready analyze` (text)",
    `${median(cliText).toFixed(0)} ms`,
    `${textRatio.toFixed(2)}× node -e JSON.parse`,
    verdict(textRatio, 2.5),
  ]);
  for (const r of runsByDb) {
    const ratio = pairedRatio(r.uploadMs, r.inProcessMs);
    rows.push([`in-process analysis (${r.db} rounds)`, `${median(r.inProcessMs).toFixed(0)} ms`, "", ""]);
    rows.push([
      `upload → report ready, ${r.db}`,
      `${median(r.uploadMs).toFixed(0)} ms`,
      `${ratio.toFixed(2)}× in-process analysis`,
      verdict(ratio, 1.3),
    ]);
    const peak = (r.peakRssKb * 1024) / size;
    rows.push([
      `server peak RSS, ${r.db}`,
      `${((r.peakRssKb * 1024) / MB).toFixed(0)} MB`,
      `${peak.toFixed(2)}× upload (idle after warm-up ${((r.idleRssKb * 1024) / MB).toFixed(0)} MB)`,
      verdict(peak, 3),
    ]);
    const growth = ((r.peakRssKb - r.idleRssKb) * 1024) / size;
    rows.push([
      `server peak RSS over idle, ${r.db}`,
      `${(((r.peakRssKb - r.idleRssKb) * 1024) / MB).toFixed(0)} MB`,
      `${growth.toFixed(2)}× upload`,
      verdict(growth, 3),
    ]);
    if (r.databasePeakRssKb !== undefined) {
      rows.push([
        `database process peak RSS, ${r.db}`,
        `${((r.databasePeakRssKb * 1024) / MB).toFixed(0)} MB`,
        `${((r.databasePeakRssKb * 1024) / size).toFixed(2)}× upload (PGlite in a process of its own, as PostgreSQL is)`,
        "",
      ]);
    }
    if (r.analysisPeakMb !== undefined) {
      rows.push([
        `analysis process peak RSS, ${r.db}`,
        `${r.analysisPeakMb} MB`,
        `${((r.analysisPeakMb * MB) / size).toFixed(2)}× upload (a process of its own per snapshot)`,
        "",
      ]);
    }
    if (r.spareRssKb !== undefined) {
      rows.push([
        `spare analysis process RSS, ${r.db}`,
        `${((r.spareRssKb * 1024) / MB).toFixed(0)} MB`,
        "idle, forked after each analysis for the next upload",
        "",
      ]);
    }
    if (r.health) {
      rows.push([
        `/api/health under 4 uploads, ${r.db}`,
        `p99 ${r.health.p99} ms`,
        `p50 ${r.health.p50} ms, max ${r.health.max} ms, ${r.health.requests} requests, uploads ${(r.health.uploadsMs / 1000).toFixed(1)} s`,
        verdict(r.health.p99, 100, " ms"),
      ]);
    }
  }
  console.log(
    `\nall runs (ms): ${runsByDb.map((r) => `${r.db} upload ${all(r.uploadMs)}, in-process ${all(r.inProcessMs)}`).join("; ")}`,
  );
  return rows;
}
