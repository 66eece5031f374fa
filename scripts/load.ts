// `npm run load`: throughput and latency of the built app under a bounded load (autocannon), first
// with one app instance, then with two instances and a worker on one PostgreSQL database. Each
// endpoint runs for a fixed time with a fixed number of connections; results are printed beside
// /api/health measured in the same run (req/s and p50/p99 as ratios to it), so a slower or busier
// machine moves all figures together. With two instances the connections are spread over both.
//
// Builds nothing: it runs the production build in this directory (`next build` first). The database
// is a fresh PostgreSQL database it creates and drops (TEST_DATABASE_ADMIN_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres); without a reachable server the one-instance run uses
// an embedded database in a temporary directory and the two-instance run is skipped.
//
// Options: --duration S (per endpoint, default 10, at most 60), --connections N (default 8, at most
//          32), --host H (where the instances listen and are loaded; loopback only, default 127.0.0.1).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { appProcesses, freePort, isBuilt, type AppProcesses } from "../lib/testing/app-processes";
import { availableKinds, createTestDatabase, type TestDatabase } from "../lib/testing/databases";
import { deploymentList } from "../lib/testing/queue-fixtures";

const root = process.cwd();

function option(name: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1 || v > max) fail(`--${name} must be a whole number from 1 to ${max}.`);
  return v;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const DURATION = option("duration", 10, 60);
const CONNECTIONS = option("connections", 8, 32);
const HOST = (() => {
  const i = process.argv.indexOf("--host");
  return i < 0 ? "127.0.0.1" : (process.argv[i + 1] ?? "");
})();

/** A load generator pointed elsewhere is a denial-of-service tool: only this machine is a target. */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

const PASSWORD = "load test passphrase 5821";
/** Accounts to sign in with: one per connection, so the sign-in throttle never sees one in flight twice. */
const ACCOUNTS = 32;

interface Seed {
  cookie: string;
  reportId: string;
  shareToken: string;
  /** Assessments the answer saves go to, each with the version it is at. */
  answerTargets: { id: string; version: number }[];
  emails: string[];
}

/** A JSON call to the app; throws on anything but 2xx. Returns the body and any session cookie. */
async function call(base: string, method: string, p: string, cookie: string, body?: unknown) {
  const raw = body instanceof Uint8Array;
  const res = await fetch(base + p, {
    method,
    headers: {
      cookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text.slice(0, 300)}`);
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("kr_session="));
  return { json: JSON.parse(text) as Record<string, unknown>, session };
}

/** Through the API, as a first administrator would: accounts, assessments, answers, a snapshot, a link. */
async function seed(base: string): Promise<Seed> {
  const setup = await call(base, "POST", "/api/setup", "", {
    email: "admin@load.example.com",
    name: "Load admin",
    password: PASSWORD,
  });
  const cookie = setup.session ?? fail("POST /api/setup set no session cookie.");
  const emails: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const email = `user${i}@load.example.com`;
    await call(base, "POST", "/api/admin/users", cookie, {
      email,
      name: `Load user ${i}`,
      password: PASSWORD,
      role: "member",
    });
    emails.push(email);
  }
  const newAssessment = async (name: string) =>
    ((await call(base, "POST", "/api/assessments", cookie, { name })).json.assessment as { id: string }).id;
  const reportId = await newAssessment("Load: report");
  const answers = { production_hosts: 12, services: 9, services_multi_host: 4, deploys_per_week: 20 };
  await call(base, "PUT", `/api/assessments/${reportId}/answers`, cookie, { version: 1, answers });
  await call(
    base,
    "POST",
    `/api/assessments/${reportId}/snapshots?wait=1&filename=cluster.json`,
    cookie,
    new Uint8Array(deploymentList(200)),
  );
  const link = await call(base, "POST", `/api/assessments/${reportId}/share-links`, cookie, {});
  const shareToken = (link.json.link as { token: string }).token;
  // Two per connection: a save never waits for another one's version.
  const answerTargets = [];
  for (let i = 0; i < 2 * 32; i++)
    answerTargets.push({ id: await newAssessment(`Load: answers ${i}`), version: 1 });
  return { cookie, reportId, shareToken, answerTargets, emails };
}

interface Measured {
  endpoint: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

type Target = Seed["answerTargets"][number];
/** What one request carries from its setup to its response (autocannon keeps it per connection). */
type Context = { email?: string; target?: Target };
type Request = Omit<autocannon.Request, "setupRequest" | "onResponse"> & {
  setupRequest?: (req: autocannon.Request, context: Context) => autocannon.Request;
  onResponse?: (status: number, body: string, context: Context) => void;
};

/** The endpoints, each as the one request autocannon repeats (dynamic parts drawn from shared pools). */
function endpoints(s: Seed): { name: string; request: () => Request }[] {
  const json = { "content-type": "application/json" };
  return [
    { name: "GET /api/health", request: () => ({ method: "GET", path: "/api/health" }) },
    {
      name: "POST /api/auth/login",
      request: () => {
        const idle = [...s.emails];
        return {
          method: "POST",
          path: "/api/auth/login",
          headers: json,
          setupRequest: (req, context) => {
            const email = idle.shift() ?? s.emails[0]!;
            context.email = email;
            return { ...req, body: JSON.stringify({ email, password: PASSWORD }) };
          },
          onResponse: (_status, _body, context) => void idle.push(context.email!),
        };
      },
    },
    {
      name: "GET /api/assessments/{id}/report",
      request: () => ({
        method: "GET",
        path: `/api/assessments/${s.reportId}/report`,
        headers: { cookie: s.cookie },
      }),
    },
    {
      name: "GET /shared/{token} (page)",
      request: () => ({ method: "GET", path: `/shared/${s.shareToken}` }),
    },
    {
      name: "PUT /api/assessments/{id}/answers",
      request: () => {
        // Each request takes an assessment no other request holds, with the version it is at.
        const idle = s.answerTargets;
        let n = 0;
        return {
          method: "PUT",
          path: "/api/assessments/x/answers",
          headers: { ...json, cookie: s.cookie },
          setupRequest: (req, context) => {
            const target = idle.shift() ?? fail("more connections than assessments to save answers to");
            context.target = target;
            const answers = { production_hosts: ++n % 1000, deploys_per_week: n % 50 };
            return {
              ...req,
              path: `/api/assessments/${target.id}/answers`,
              body: JSON.stringify({ version: target.version, answers }),
            };
          },
          onResponse: (status, body, context) => {
            const target = context.target!;
            try {
              const parsed = JSON.parse(body) as { version?: number; currentVersion?: number };
              target.version = (status === 200 ? parsed.version : parsed.currentVersion) ?? target.version;
            } catch {
              // An unparsable answer keeps the version; the next save says 409 with the right one.
            }
            idle.push(target);
          },
        };
      },
    },
  ];
}

async function measure(urls: string[], name: string, request: Request): Promise<Measured> {
  const result = await autocannon({
    // Several URLs: autocannon spreads the connections over them in turn.
    url: (urls.length === 1 ? urls[0] : urls) as string,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [request],
  });
  return {
    endpoint: name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function run(label: string, urls: string[], s: Seed): Promise<Measured[]> {
  console.log(`\n${label}: ${CONNECTIONS} connections, ${DURATION} s per endpoint`);
  const out: Measured[] = [];
  for (const e of endpoints(s)) {
    const m = await measure(urls, e.name, e.request());
    out.push(m);
    console.log(
      `  ${m.endpoint.padEnd(36)} ${m.rps.toFixed(1).padStart(8)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms  (${m.requests} requests${m.non2xx ? `, ${m.non2xx} non-2xx` : ""}${m.errors ? `, ${m.errors} errors` : ""})`,
    );
  }
  return out;
}

function table(label: string, rows: Measured[]): string {
  const health = rows[0]!;
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "–");
  const lines = [
    `${label} (ratios to /api/health in the same run)`,
    "| endpoint | req/s | ÷ health | p50 ms | ÷ health | p99 ms | ÷ health | non-2xx |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.endpoint} | ${r.rps.toFixed(1)} | ${ratio(r.rps, health.rps)} | ${r.p50} | ${ratio(r.p50, health.p50)} | ${r.p99} | ${ratio(r.p99, health.p99)} | ${r.non2xx + r.errors} |`,
    ),
  ];
  return lines.join("\n");
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

async function main() {
  if (!isLoopback(HOST))
    fail(`Refusing to load ${HOST}: npm run load only targets this machine (127.0.0.1, ::1).`);
  if (!isBuilt(root))
    fail("No production build here (.next/BUILD_ID): run `next build` (npm run build) first.");
  console.log(`Load average before: ${load()} (1 / 5 / 15 min)`);

  const processes: AppProcesses[] = [];
  const dirs: string[] = [];
  let database: TestDatabase | undefined;
  const results: string[] = [];
  const stopAll = async () => {
    for (const p of processes) await p.stopAll();
  };
  process.once("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    const postgres = (await availableKinds()).includes("postgresql");
    if (postgres) {
      database = await createTestDatabase("postgresql");
      await database.database.prisma.$disconnect();
    } else {
      console.warn("PostgreSQL unreachable: one instance on the embedded database; two instances skipped.");
    }
    const env = (): Record<string, string> => {
      if (database) return { DATABASE_URL: database.url! };
      const dir = mkdtempSync(path.join(tmpdir(), "kubeready-load-"));
      dirs.push(dir);
      return { DATABASE_URL: "", KUBEREADY_DATA_DIR: dir };
    };
    const dataEnv = env();
    const quiet = { LOG_LEVEL: "warn", HOST };
    const one = appProcesses(root, () => ({ ...dataEnv, ...quiet }));
    processes.push(one);
    const first = await one.startApp("app 1", await freePort());
    // It says it runs jobs at "info".
    if (database) await one.startWorker("worker", { LOG_LEVEL: "info" });
    const s = await seed(first.base);
    const single = await run(
      `One instance (${database ? "PostgreSQL" : "embedded database"})`,
      [first.base],
      s,
    );
    results.push(table(`One instance, ${database ? "PostgreSQL" : "embedded database"}`, single));
    if (database) {
      const second = await one.startApp("app 2", await freePort());
      const double = await run("Two instances and a worker (PostgreSQL)", [first.base, second.base], s);
      results.push(table("Two instances + worker, PostgreSQL, connections spread over both", double));
      const ratio = (i: number) => (double[i]!.rps / single[i]!.rps).toFixed(2);
      results.push(
        `Two instances ÷ one, req/s: ${double.map((d, i) => `${d.endpoint} ${ratio(i)}×`).join(", ")}`,
      );
    }
  } finally {
    await stopAll();
    await database?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  console.log(`\n${results.join("\n\n")}\n\nLoad average after: ${load()} (1 / 5 / 15 min)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
