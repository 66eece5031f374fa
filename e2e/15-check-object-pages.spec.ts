// Check and object pages: from the report's action plan to a check's page, its objects by status
// (failing, exempt with the annotation's reason, passing), on to one object with its owner and a patch
// that is copied to the clipboard and announced. The findings table filters by status and groups by
// owning workload.
import { expect, test, type APIResponse } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const deployment = (name: string, extra = "", container = "") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop${extra}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - {name: app, image: "shop/${name}:1.0", ports: [{containerPort: 8080}]${container}}
`;

const YAML = [
  deployment("web"),
  deployment(
    "legacy",
    `, annotations: {kubeready.io/exempt: readiness-probe, kubeready.io/exempt-reason: "retired next quarter"}`,
  ),
  deployment("probed", "", ", readinessProbe: {tcpSocket: {port: 8080}}"),
].join("---\n");

async function ok<T>(response: Promise<APIResponse>, what: string): Promise<T> {
  const res = await response;
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json().catch(() => ({}))) as T;
}

test("a check page from the report, its objects by status, an object page and a copied patch", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, ADMIN);
  const { assessment } = await ok<{ assessment: { id: string } }>(
    page.request.post("/api/assessments", { data: { name: "Check and object pages" } }),
    "create assessment",
  );
  const base = `/api/assessments/${assessment.id}`;
  await ok(
    page.request.post(`${base}/snapshots?filename=shop.yaml&wait=1`, {
      headers: { "content-type": "application/yaml" },
      data: YAML,
    }),
    "upload",
  );
  const { checks } = await ok<{ checks: { checkId: string; title: string }[] }>(
    page.request.get(`${base}/findings`),
    "findings",
  );
  const title = checks.find((c) => c.checkId === "readiness-probe")!.title;

  await page.goto(`/assessments/${assessment.id}/report`);
  await page.getByRole("link", { name: title, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/assessments/${assessment.id}/checks/readiness-probe$`));
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why it matters" })).toBeVisible();

  const statuses = page.getByRole("navigation", { name: "Status" });
  await expect(statuses.getByRole("link", { name: "failing (1)" })).toHaveAttribute("aria-current", "page");
  const objects = page.getByRole("region", { name: "Objects table" });
  await expect(objects.getByRole("link")).toHaveText(["Deployment shop/web"]);

  await statuses.getByRole("link", { name: "exempt (1)" }).click();
  await expect(page).toHaveURL(/status=exempt/);
  await expect(objects.getByRole("link")).toHaveText(["Deployment shop/legacy"]);
  await expect(objects).toContainText("the kubeready.io/exempt annotation: retired next quarter");

  await statuses.getByRole("link", { name: "passing (1)" }).click();
  await expect(objects.getByRole("link")).toHaveText(["Deployment shop/probed"]);

  await statuses.getByRole("link", { name: "failing (1)" }).click();
  await objects.getByRole("link", { name: "Deployment shop/web" }).click();
  await expect(page).toHaveURL(new RegExp(`/assessments/${assessment.id}/objects/Deployment/shop/web$`));
  await expect(page.getByRole("heading", { name: "web", exact: true })).toBeVisible();
  await expect(page.getByText("Not owned by another object of the snapshot.")).toBeVisible();
  const results = page.getByRole("region", { name: "Results table" });
  await expect(results.getByRole("row").filter({ hasText: title })).toContainText("fail");

  const patch = page.getByTestId("patch").filter({ has: page.getByRole("heading", { name: title }) });
  await expect(patch).toContainText("kubectl patch deployment web -n shop --type strategic");
  const copy = patch.getByRole("button", { name: "Copy command" });
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(patch.getByRole("status").last()).toHaveText("Copied to the clipboard.");
  await expect(patch.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^kubectl patch deployment web -n shop --type strategic -p '/);
  expect(JSON.parse(/-p '(.*)'$/.exec(copied)![1]!)).toEqual({
    spec: {
      template: {
        spec: {
          containers: [{ name: "app", readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 } }],
        },
      },
    },
  });

  // The findings table: exempt objects by status, grouped by owning workload with objects counted once.
  await page.goto(`/assessments/${assessment.id}/findings`);
  await page.getByLabel("Status").selectOption("exempt");
  await page.getByLabel("Check", { exact: true }).selectOption("readiness-probe");
  await expect(page.getByTestId("findings-total")).toHaveText("1 exempt object match these filters");
  await expect(page.getByRole("table")).toContainText("retired next quarter");
  await page.getByLabel("Status").selectOption("fail");
  await expect(page).not.toHaveURL(/status=/);
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).not.toHaveURL(/check=/);
  await page.getByLabel("Group by").selectOption("owner");
  await expect(page).toHaveURL(/group=owner/);
  // web fails several checks: several rows, one object.
  await expect(page.getByRole("table")).toContainText(/Deployment web\s*1 object, \d+ rows/);
});
