// The findings explorer: a snapshot of 3 namespaces × 12 Deployments, explored by severity and namespace,
// searched by name and paged; the counts on screen follow the filters and the filters follow the URL.
import { expect, test, type APIResponse } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const NAMESPACES = ["shop", "search", "billing"];
const YAML = NAMESPACES.flatMap((ns) =>
  Array.from(
    { length: 12 },
    (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${i % 2 ? "worker" : "api"}-${i}, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - {name: app, image: "shop/app-${i}:latest"}
        - {name: proxy, image: "envoyproxy/envoy:latest"}
`,
  ),
).join("---\n");

interface FindingsPage {
  total: number;
  pages: number;
  severities: Record<string, number>;
  rows: { name: string; namespace: string }[];
}

async function ok<T>(response: Promise<APIResponse>, what: string): Promise<T> {
  const res = await response;
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json().catch(() => ({}))) as T;
}

const objects = (n: number) => (n === 1 ? "1 failing object" : `${n} failing objects`);

test("findings are filtered by severity and namespace, searched by name and paged", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  const request = page.request;
  const { assessment } = await ok<{ assessment: { id: string } }>(
    request.post("/api/assessments", { data: { name: "Findings explorer" } }),
    "create assessment",
  );
  const base = `/api/assessments/${assessment.id}`;
  await ok(
    request.post(`${base}/snapshots?filename=shop.yaml&wait=1`, {
      headers: { "content-type": "application/yaml" },
      data: YAML,
    }),
    "upload",
  );
  const all = await ok<FindingsPage>(request.get(`${base}/findings`), "findings");
  const [severity, bySeverity] = Object.entries(all.severities).find(([, n]) => n > 0 && n < all.total)!;
  const inSearch = await ok<FindingsPage>(
    request.get(`${base}/findings?severity=${severity}&namespace=search`),
    "findings in search",
  );
  const worker3 = await ok<FindingsPage>(
    request.get(`${base}/findings?severity=${severity}&namespace=search&q=worker-3`),
    "worker-3",
  );
  expect(all.total).toBeGreaterThan(50);

  await page.goto(`/assessments/${assessment.id}`);
  await page.getByRole("navigation", { name: "Assessment" }).getByRole("link", { name: "Findings" }).click();
  await expect(page).toHaveURL(/\/findings$/);
  const total = page.getByTestId("findings-total");
  await expect(total).toHaveText(objects(all.total));
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Severity", exact: true })).toHaveAttribute(
    "aria-sort",
    "descending",
  );

  await page.getByLabel("Severity", { exact: true }).selectOption(severity);
  await expect(total).toHaveText(`${objects(bySeverity)} match these filters`);
  await expect(page).toHaveURL(new RegExp(`severity=${severity}`));
  await page.getByLabel("Namespace", { exact: true }).selectOption("search");
  await expect(total).toHaveText(`${objects(inSearch.total)} match these filters`);
  for (const cell of await table.getByRole("row").locator("td:nth-child(4)").allTextContents()) {
    expect(cell).toBe("search");
  }

  await page.getByLabel("Object name contains").fill("worker-3");
  await page.getByLabel("Object name contains").press("Enter");
  await expect(total).toHaveText(`${objects(worker3.total)} match these filters`);
  await expect(table.getByRole("row").filter({ hasText: "worker-3" }).first()).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "api-0" })).toHaveCount(0);

  // Back to everything, 25 to a page: the second page holds other objects.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(total).toHaveText(objects(all.total));
  await page.getByLabel("Rows per page").selectOption("25");
  const pages = Math.ceil(all.total / 25);
  await expect(page.getByText(`Page 1 of ${pages}`, { exact: true })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(26);
  const firstPage = await table.getByRole("row").allTextContents();
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText(`Page 2 of ${pages}`, { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/page=2/);
  await expect.poll(async () => (await table.getByRole("row").allTextContents())[1]).not.toBe(firstPage[1]);

  // Sorting by name is the server's: the first row of page 1 sorted by name starts with "api".
  await table.getByRole("button", { name: "Name", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expect(page.getByText(`Page 1 of ${pages}`, { exact: true })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("api-0");
});
