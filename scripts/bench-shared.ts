// `npm run bench -- --only shared`: the shared report of a 20,000-object snapshot under load, beside
// /api/health in the same run. Seeds through the API of the built app in this directory (as a first
// administrator would: answers, the snapshot, a share link), then measures each endpoint with
// autocannon for a fixed time and connections, printing pages/s, p50, p99 and their ratios to health.
// PostgreSQL when reachable (TEST_DATABASE_ADMIN_URL; a fresh database, dropped after), else PGlite.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { appProcesses, freePort, isBuilt, type AppProcesses } from "../lib/testing/app-processes";
import { availableKinds, createTestDatabase, type TestDatabase } from "../lib/testing/databases";
import { deploymentList } from "../lib/testing/queue-fixtures";

export type Row = [string, string, string, string];

const PASSWORD = "bench shared passphrase 4417";

async function call(base: string, method: string, p: string, cookie: string, body?: unknown) {
  const raw = body instanceof Uint8Array;
  const res = await fetch(base + p, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
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

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
  bytes: number;
}

async function measure(
  base: string,
  name: string,
  p: string,
  o: { duration: number; connections: number; cookie?: string },
): Promise<Measured> {
  // One request first: it must succeed, and its size is reported.
  const first = await fetch(base + p, { headers: o.cookie ? { cookie: o.cookie } : {} });
  const body = await first.arrayBuffer();
  if (!first.ok) throw new Error(`${name}: ${first.status} ${Buffer.from(body).toString().slice(0, 300)}`);
  const r = await autocannon({
    url: base + p,
    connections: o.connections,
    duration: o.duration,
    headers: o.cookie ? { cookie: o.cookie } : {},
  });
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    bytes: body.byteLength,
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

/**
 * Seeds a snapshot into a fresh database — `file`, or `objects` Deployments (lib/testing/queue-fixtures)
 * each failing the same checks, so every failing check lists them all — serves it from the build in `root`
 * and measures the shared page (and its neighbours) beside /api/health. Returns the printed rows.
 */
export async function benchShared(
  root: string,
  file: string | null,
  objects: number,
  o: { duration: number; connections: number; port?: number },
): Promise<Row[]> {
  if (!isBuilt(root)) throw new Error("No production build here (.next/BUILD_ID): run `next build` first.");
  const before = load();
  let database: TestDatabase | undefined;
  let processes: AppProcesses | undefined;
  const dirs: string[] = [];
  try {
    const postgres = (await availableKinds()).includes("postgresql");
    if (postgres) {
      database = await createTestDatabase("postgresql");
      await database.database.prisma.$disconnect();
    }
    const dataEnv: Record<string, string> = database
      ? { DATABASE_URL: database.url! }
      : (() => {
          const dir = mkdtempSync(path.join(tmpdir(), "kubeready-bench-shared-"));
          dirs.push(dir);
          return { DATABASE_URL: "", KUBEREADY_DATA_DIR: dir };
        })();
    processes = appProcesses(root, () => ({ ...dataEnv, LOG_LEVEL: "warn", MAX_UPLOAD_MB: "1024" }));
    const { base } = await processes.startApp("app", o.port ?? (await freePort()));
    if (database) await processes.startWorker("worker", { LOG_LEVEL: "info" });

    const setup = await call(base, "POST", "/api/setup", "", {
      email: "admin@bench.example.com",
      name: "Bench admin",
      password: PASSWORD,
    });
    const cookie = setup.session!;
    const created = await call(base, "POST", "/api/assessments", cookie, { name: "Bench: shared report" });
    const id = (created.json.assessment as { id: string }).id;
    await call(base, "PUT", `/api/assessments/${id}/answers`, cookie, {
      version: 1,
      answers: { production_hosts: 40, services: 30, services_multi_host: 12, deploys_per_week: 20 },
    });
    const t0 = Date.now();
    await call(
      base,
      "POST",
      `/api/assessments/${id}/snapshots?wait=1&filename=cluster.json`,
      cookie,
      new Uint8Array(file === null ? deploymentList(objects) : readFileSync(file)),
    );
    console.log(`shared: seeded ${objects} objects in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const link = await call(base, "POST", `/api/assessments/${id}/share-links`, cookie, {});
    const token = (link.json.link as { token: string }).token;

    const targets: [string, string, string | undefined][] = [
      ["GET /api/health", "/api/health", undefined],
      ["GET /shared/{token} (page)", `/shared/${token}`, undefined],
      ["GET /assessments/{id}/report (page)", `/assessments/${id}/report`, cookie],
      ["GET /api/assessments/{id}/report", `/api/assessments/${id}/report`, cookie],
    ];
    // The checks API a category card loads (signed in: the shared one is rate-limited per address).
    const checks = `/api/assessments/${id}/report/checks?category=reliability`;
    if ((await fetch(base + checks, { headers: { cookie } })).ok)
      targets.push(["GET /api/assessments/{id}/report/checks", checks, cookie]);
    const rows: Measured[] = [];
    for (const [name, p, c] of targets) {
      const m = await measure(base, name, p, { ...o, cookie: c });
      rows.push(m);
      console.log(
        `  ${m.name.padEnd(40)} ${m.rps.toFixed(1).padStart(7)} req/s  p50 ${String(m.p50).padStart(4)} ms  p99 ${String(m.p99).padStart(5)} ms  ${(m.bytes / 1024).toFixed(0)} KB${m.bad ? `  ${m.bad} failed` : ""}`,
      );
    }
    const health = rows[0]!;
    const shared = rows[1]!;
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : "–");
    console.log(
      `\n${database ? "PostgreSQL" : "PGlite"}, ${o.connections} connections, ${o.duration} s each; load average before ${before}, after ${load()} (1 / 5 / 15 min)`,
    );
    console.log("| endpoint | req/s | ÷ health | p50 ms | ÷ health | p99 ms | ÷ health | size | failed |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.rps.toFixed(1)} | ${ratio(r.rps, health.rps)} | ${r.p50} | ${ratio(r.p50, health.p50)} | ${r.p99} | ${ratio(r.p99, health.p99)} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.bad} |`,
      );
    const ok = shared.rps >= 100 && shared.p50 <= 50;
    return [
      [
        `shared page (${objects} objects)`,
        `${shared.rps.toFixed(1)} pages/s`,
        `p50 ${shared.p50} ms, p99 ${shared.p99} ms (health ${health.rps.toFixed(0)} req/s, p50 ${health.p50} ms)`,
        ok ? "≥ 100/s, p50 ≤ 50 ms ok" : "≥ 100/s, p50 ≤ 50 ms MISSED",
      ],
    ];
  } catch (err) {
    // What the app said helps more than a refused connection.
    for (const proc of processes?.procs ?? [])
      console.error(
        `--- ${proc.name} output (last lines):\n${proc.output.join("").split("\n").slice(-40).join("\n")}`,
      );
    throw err;
  } finally {
    await processes?.stopAll();
    await database?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}
