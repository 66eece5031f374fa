// /metrics as a scraper sees it: refused without the configured token, and with it the series an
// operator pages on — requests by route pattern and status (observed on a real HTTP server through
// the diagnostics channels the app subscribes to), queue depth from the jobs table, job and stage
// durations, analyses and their objects, database up.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { observeHttpServer } from "@/lib/observability/http";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "@/lib/server/analysis-pool";
import { createAssessment } from "@/lib/server/assessments";
import { drainJobs } from "@/lib/server/job-runner";
import { enqueueJob } from "@/lib/server/jobs";
import { requestScoreRefresh } from "@/lib/server/scoring";
import { uploadSnapshot } from "@/lib/server/uploads";
import { metricsResponse } from "./metrics";

const TOKEN = "metrics-token-for-the-test-0123456789";
const kind = (await availableKinds())[0]!;

/** `token: null` is an install without METRICS_TOKEN. */
const scrape = (authorization?: string, token: string | null = TOKEN) =>
  metricsResponse(
    new Request("http://localhost/metrics", { headers: authorization ? { authorization } : {} }),
    token ?? undefined,
  );

/** The value of one series, e.g. `kubeready_jobs{kind="reanalyse",status="queued"}`. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe(`/metrics on ${kind}`, () => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let server: Server;

  beforeAll(async () => {
    const setup = await setUpAppDatabase(kind);
    t = setup.t;
    admin = asUser(setup.admin);
    observeHttpServer();
    server = createServer((req, res) => {
      res.statusCode = req.url === "/missing" ? 404 : 200;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await closeAnalysisPool();
    await t?.drop();
  });

  it("does not exist without a configured token, and refuses a missing or wrong one", async () => {
    expect((await scrape(`Bearer ${TOKEN}`, null)).status).toBe(404);
    const missing = await scrape();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape("Bearer not-the-token")).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    // Nothing of the metrics leaks into a refusal.
    expect(await missing.text()).not.toContain("kubeready_");
  });

  it("reports requests, jobs, analyses and the database in Prometheus' format", async () => {
    const { port } = server.address() as { port: number };
    const base = `http://127.0.0.1:${port}`;
    const answered = await fetch(`${base}/somewhere?token=secret`, {
      headers: { "x-request-id": "scrape-test-1" },
    });
    expect(answered.headers.get("x-request-id")).toBe("scrape-test-1");
    expect((await fetch(`${base}/missing`)).status).toBe(404);

    const assessment = await createAssessment(admin, { name: "Metrics" });
    await uploadSnapshot(admin, assessment.id, [{ name: "apps.json", data: deploymentList(25) }]);
    await requestScoreRefresh(admin, "metrics test");
    expect(await drainJobs()).toBe(1);
    await enqueueJob({
      kind: "reanalyse",
      userId: null,
      assessmentId: null,
      payload: { snapshotId: "none" },
    });

    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // Requests by route pattern (this server has no Next build: unmatched) and status, never by path.
    expect(
      valueOf(text, 'kubeready_http_requests_total{method="GET",route="(unmatched)",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(text, 'kubeready_http_requests_total{method="GET",route="(unmatched)",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(
      /^kubeready_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\(unmatched\)",status="200"\}/m,
    );
    expect(text).not.toContain("secret");
    expect(text).not.toContain("/somewhere");
    // Queue depth from the jobs table, by kind and status.
    expect(valueOf(text, 'kubeready_jobs{kind="reanalyse",status="queued"}')).toBe(1);
    expect(valueOf(text, 'kubeready_jobs{kind="refresh-scores",status="done"}')).toBe(1);
    expect(valueOf(text, 'kubeready_jobs{kind="upload",status="done"}')).toBe(1);
    expect(valueOf(text, 'kubeready_jobs{kind="upload",status="running"}')).toBe(0);
    expect(valueOf(text, "kubeready_jobs_oldest_queued_age_seconds")).toBeGreaterThanOrEqual(0);
    // Job and stage durations, as this process ran them.
    expect(valueOf(text, 'kubeready_job_duration_seconds_count{kind="upload",outcome="done"}')).toBe(1);
    expect(valueOf(text, 'kubeready_job_duration_seconds_count{kind="refresh-scores",outcome="done"}')).toBe(
      1,
    );
    expect(text).toMatch(/^kubeready_job_stage_duration_seconds_count\{kind="upload",stage="storing"\} 1$/m);
    // Analyses and their objects.
    expect(valueOf(text, "kubeready_analyses")).toBe(1);
    expect(valueOf(text, "kubeready_analysis_objects")).toBe(25);
    expect(valueOf(text, "kubeready_snapshots")).toBe(1);
    expect(valueOf(text, "kubeready_database_up")).toBe(1);
    // The process's own (prom-client defaults).
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toContain("# TYPE kubeready_db_pool_connections gauge");
    if (kind === "postgresql") {
      // The pool that served this scrape's queries: at least one connection, none waiting.
      expect(valueOf(text, 'kubeready_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
      expect(valueOf(text, 'kubeready_db_pool_connections{state="waiting"}')).toBe(0);
    }
  });
});
