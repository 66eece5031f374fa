// The report's downloads as a person gets them: the PDF link on the signed-in report and on the shared
// page saves a real PDF (its `%PDF-` header, a plausible size, named after the assessment), and the
// other formats download as attachments next to it.
import { readFileSync } from "node:fs";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const YAML = ["api", "worker", "web"]
  .map(
    (name) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - {name: app, image: "shop/${name}:latest"}
`,
  )
  .join("---\n");

async function ok<T>(response: Promise<APIResponse>, what: string): Promise<T> {
  const res = await response;
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json().catch(() => ({}))) as T;
}

/** Clicks a link of the Downloads navigation and returns the saved file's name and bytes. */
async function download(page: Page, label: string) {
  const links = page.getByRole("navigation", { name: "Downloads" });
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    links.getByRole("link", { name: label, exact: true }).click(),
  ]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(saved) };
}

function expectPdf({ name, bytes }: { name: string; bytes: Buffer }) {
  expect(name).toBe("pdf-journey-report.pdf");
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.subarray(-6).toString("latin1")).toContain("%%EOF");
  // A few pages with embedded font subsets: tens of kilobytes, far from empty and far from megabytes.
  expect(bytes.length).toBeGreaterThan(10_000);
  expect(bytes.length).toBeLessThan(2_000_000);
}

test("the report downloads as a PDF, signed in and from a share link", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  const request = page.request;
  const { assessment } = await ok<{ assessment: { id: string } }>(
    request.post("/api/assessments", { data: { name: "PDF journey" } }),
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

  await page.goto(`/assessments/${assessment.id}/report`);
  expectPdf(await download(page, "PDF"));
  const csv = await download(page, "CSV of failing objects");
  expect(csv.name).toBe("pdf-journey-report.csv");
  expect(csv.bytes.toString("utf8")).toContain("shop");

  const { link } = await ok<{ link: { url: string } }>(
    request.post(`${base}/share-links`, { data: { expiresInDays: 1, label: "PDF journey" } }),
    "share link",
  );
  // A visitor with nothing but the link.
  const visitor = await browser.newContext();
  const shared = await visitor.newPage();
  await shared.goto(new URL(link.url).pathname);
  expectPdf(await download(shared, "PDF"));
  await visitor.close();
});
