// What an operator relies on, through the real server: request ids on answers and in error bodies,
// liveness and readiness, and /metrics (token only) naming requests by their route pattern.
import { expect, test } from "@playwright/test";

const METRICS_TOKEN = "kubeready-e2e-metrics-token"; // playwright.config.ts

test("answers carry a request id, and /metrics reports requests by route pattern behind its token", async ({
  request,
}) => {
  const health = await request.get("/api/health", { headers: { "x-request-id": "e2e-health-0001" } });
  expect(health.status()).toBe(200);
  expect(health.headers()["x-request-id"]).toBe("e2e-health-0001");

  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready" });
  expect(ready.headers()["x-request-id"]).toMatch(/^[\w.:-]+$/);

  // An error body names the same id as the header, for quoting in a report.
  const refused = await request.get(`/api/assessments/${crypto.randomUUID()}`, {
    headers: { "x-request-id": 'not a "sane" id' },
  });
  expect(refused.status()).toBe(401);
  const id = refused.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await refused.json()).toMatchObject({ code: "unauthenticated", requestId: id });

  expect((await request.get("/login")).status()).toBe(200);

  expect((await request.get("/metrics")).status()).toBe(401);
  expect(
    (await request.get("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status(),
  ).toBe(401);
  const scraped = await request.get("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toMatch(
    /^kubeready_http_requests_total\{method="GET",route="\/api\/health",status="200"\} \d+$/m,
  );
  expect(text).toMatch(
    /^kubeready_http_requests_total\{method="GET",route="\/api\/assessments\/\[id\]",status="401"\} \d+$/m,
  );
  expect(text).toMatch(/^kubeready_http_requests_total\{method="GET",route="\/login",status="200"\} \d+$/m);
  expect(text).toMatch(
    /^kubeready_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/login"/m,
  );
  expect(text).toMatch(/^kubeready_jobs\{kind="upload",status="queued"\} \d+$/m);
  expect(text).toMatch(/^kubeready_analysis_objects \d+$/m);
  expect(text).toMatch(/^kubeready_database_up 1$/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
});
