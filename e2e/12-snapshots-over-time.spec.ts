// Snapshots over time: two uploads, one renamed and marked as the baseline, compared (what got fixed,
// what is new), the history chart with dates and values, and what would change the verdict.
import { expect, test, type APIResponse } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const OCTOBER = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;

// November: web has its probes, a new Deployment "cart" has none.
const NOVEMBER = OCTOBER.replace(
  "ports: [{containerPort: 8080}]}]",
  "ports: [{containerPort: 8080}], readinessProbe: {httpGet: {path: /ready, port: 8080}}, livenessProbe: {httpGet: {path: /live, port: 8080}}}]",
).concat(`---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: "shop/cart:2.1.0"}]
`);

async function ok<T>(response: Promise<APIResponse>, what: string): Promise<T> {
  const res = await response;
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json().catch(() => ({}))) as T;
}

test("two snapshots are named, one marked as baseline, compared, and charted", async ({ page }) => {
  await signIn(page, ADMIN);
  const request = page.request;
  const { assessment } = await ok<{ assessment: { id: string } }>(
    request.post("/api/assessments", { data: { name: "Shop over time" } }),
    "create assessment",
  );
  const base = `/api/assessments/${assessment.id}`;
  const { version } = await ok<{ version: number }>(request.get(`${base}/answers`), "answers");
  await ok(
    request.put(`${base}/answers`, {
      data: {
        version,
        answers: {
          production_hosts: 6,
          services: 8,
          services_multi_host: 2,
          containerized: "all",
          deploys_per_week: 10,
          needs_zero_downtime_deploys: true,
          needs_autoscaling: false,
          needs_high_availability: true,
          needs_preview_environments: false,
        },
      },
    }),
    "answers",
  );
  for (const [name, yaml] of [
    ["october.yaml", OCTOBER],
    ["november.yaml", NOVEMBER],
  ] as const) {
    await ok(
      request.post(`${base}/snapshots?filename=${name}&wait=1`, {
        headers: { "content-type": "application/yaml" },
        data: yaml,
      }),
      `upload ${name}`,
    );
  }

  await page.goto(`/assessments/${assessment.id}/snapshots`);
  const list = page.getByRole("region", { name: "Uploaded snapshots" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await list.getByRole("button", { name: "Rename october.yaml" }).click();
  await list.getByLabel("Name of october.yaml").fill("October");
  await list.getByRole("button", { name: "Save" }).click();
  await expect(list.getByText("October", { exact: true })).toBeVisible();
  await list.getByRole("button", { name: "Mark October as baseline" }).click();
  await expect(list.getByRole("listitem").filter({ hasText: "October" })).toContainText("Baseline");

  await page.getByRole("link", { name: "Latest vs baseline" }).click();
  await expect(page.getByRole("heading", { name: "Compared snapshots" })).toBeVisible();
  // web's probes were added: at least the readiness probe's failure is fixed (liveness too, when the
  // checklist has it), and cart brings new failures.
  await expect(page.getByTestId("count-fixed")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByTestId("count-new")).toHaveText(/^[1-9]\d*$/);
  const probes = page
    .getByRole("list", { name: "Checks whose failing objects changed" })
    .getByRole("listitem")
    .filter({ hasText: "readiness-probe" });
  await expect(probes).toContainText("1 new · 1 fixed · 0 still open");
  await probes.locator("summary").click();
  await expect(probes).toContainText("Deployment shop/cart");
  await expect(probes).toContainText("Deployment shop/web");

  // The same pair picked by hand, newest ticked first, still compares older → newer.
  await page.goto(`/assessments/${assessment.id}/snapshots`);
  await list.getByRole("checkbox", { name: "Pick november.yaml to compare" }).check();
  await list.getByRole("checkbox", { name: "Pick October to compare" }).check();
  await page.getByRole("link", { name: "Compare October → november.yaml" }).click();
  await expect(page.getByTestId("score-before")).toBeVisible();

  await page.goto(`/assessments/${assessment.id}/report`);
  // The chart is drawn as the reader scrolls to it.
  await page.getByRole("region", { name: "Score history" }).scrollIntoViewIfNeeded();
  const chart = page.getByTestId("history-chart");
  await expect(chart.locator('svg.recharts-surface[role="application"]')).toBeVisible();
  // Axes with values: the y ticks 0–100 and dated x ticks ("Nov 30").
  for (const tick of ["0", "25", "50", "75", "100"]) await expect(chart).toContainText(tick);
  await expect(chart).toContainText(/[A-Z][a-z]{2} \d{1,2}/);
  await expect(page.getByTestId("verdict-changes")).toContainText(
    /"yes" to ".*autoscaling\?" \(now "no"\): borderline/,
  );
});
