// A 20,000-object snapshot through the browser: redacted in the page, uploaded, then analysed as a job
// whose stages the page shows advancing until the report is ready.
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const OBJECTS = 20_000;
const STAGES = ["queued", "starting", "parsing", "checks", "compressing", "storing", "scoring", "done"];

/** A live-dump-like List of small Deployments in 40 namespaces (about 10 MB). */
function bigList(): Buffer {
  const items = Array.from({ length: OBJECTS }, (_, i) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `svc-${i}`, namespace: `team-${i % 40}`, labels: { app: `svc-${i}` } },
    spec: {
      replicas: 1 + (i % 3),
      selector: { matchLabels: { app: `svc-${i}` } },
      template: {
        metadata: { labels: { app: `svc-${i}` } },
        spec: { containers: [{ name: "app", image: `registry.example.com/svc:${i % 9}` }] },
      },
    },
  }));
  return Buffer.from(JSON.stringify({ apiVersion: "v1", kind: "List", items }));
}

test("a 20,000-object upload shows its stages advancing to a report", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  await page.getByLabel("Assessment name").fill("Big cluster");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: "Big cluster" })).toBeVisible();
  await page.getByRole("link", { name: "Snapshots" }).click();

  // Every job state the page polled, in order.
  const seen: { status: string; stage: string; done: number; total: number }[] = [];
  page.on("response", async (res) => {
    if (!/\/api\/jobs\/[0-9a-f-]+$/.test(res.url()) || res.status() !== 200) return;
    const body = (await res.json().catch(() => null)) as { job?: (typeof seen)[number] } | null;
    if (body?.job) seen.push(body.job);
  });

  await page.getByLabel("Snapshot file").setInputFiles({
    name: "big.json",
    mimeType: "application/json",
    buffer: bigList(),
  });
  await expect(page.getByText(`Analysed ${OBJECTS} objects from big.json`)).toBeVisible({ timeout: 150_000 });

  const running = seen.filter((j) => j.status === "running");
  expect(running.length, "the page saw the job while it ran").toBeGreaterThan(0);
  const order = seen.map((j) => STAGES.indexOf(j.stage));
  expect(
    order.every((o) => o >= 0),
    `known stages: ${seen.map((j) => j.stage).join(", ")}`,
  ).toBe(true);
  expect(order, "stages only move forward").toEqual([...order].sort((a, b) => a - b));
  expect(seen.at(-1)?.status).toBe("done");

  await page.getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByText(/objects examined/)).toBeVisible();
});
