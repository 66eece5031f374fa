// Small things a person tripped on (issue 12), each checked where that person would notice it: a new
// assessment opens on its questionnaire, the Snapshots empty state's curl command works as shown, the
// new-token box copies, an empty file is called empty, the report and the audit log use names, a disabled
// "Use this checklist" says why, the checklist editor searches and folds with the diff on top, an import
// says what it will do, and the tab has an icon. Runs after 01-journey's first-run setup, or alone.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const rand = randomBytes(3).toString("hex");
const NAME = `Small things ${rand}`;
const SNAPSHOT = JSON.stringify({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx" }] },
    },
  },
});
let assessmentUrl = "";

test.beforeAll(async ({ request }) => {
  // The administrator exists after 01-journey; alone, this spec creates it.
  await request.post("/api/setup", { data: ADMIN });
});

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test("a new assessment opens on its questionnaire; its empty Snapshots tab shows a curl command that works as shown", async ({
  page,
  baseURL,
}) => {
  await signIn(page, ADMIN);
  await page.getByLabel("Assessment name").fill(NAME);
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: NAME })).toBeVisible();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  assessmentUrl = new URL(page.url()).pathname;
  await expect(
    page.getByRole("navigation", { name: "Assessment" }).getByRole("link", { name: "Questionnaire" }),
  ).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("How many production servers or VMs do you run?")).toBeVisible();

  // The empty Snapshots tab: a complete command, with this server's address and a file name.
  await page.getByRole("link", { name: "Snapshots" }).click();
  const command = page.getByTestId("curl-example");
  const url = `${baseURL}/api${assessmentUrl}/snapshots?filename=cluster.json&wait=1`;
  await expect(command).toContainText(`"${url}"`);
  await page.getByRole("button", { name: "Copy command" }).click();
  expect(await clipboard(page)).toBe(await command.textContent());

  // A token from the API tokens page, copied with its button …
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill(`curl ${rand}`);
  await page.getByRole("button", { name: "Create token" }).click();
  await page.getByRole("button", { name: "Copy token" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const token = await clipboard(page);
  expect(token).toBe((await page.getByTestId("new-token").textContent())!.trim());

  // … and the command as shown uploads a snapshot.
  const res = await page.request.post(url, {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: SNAPSHOT,
  });
  expect(res.status(), await res.text()).toBe(201);
  await page.goto(`${assessmentUrl}/snapshots`);
  await expect(page.getByText("cluster.json").first()).toBeVisible();
});

test("an empty file is refused as empty, in the browser and by the server", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`${assessmentUrl}/snapshots`);
  await page.getByLabel("Snapshot file").setInputFiles({
    name: "empty.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.alloc(0),
  });
  const alert = page.getByRole("alert").filter({ hasText: "The snapshot was not accepted." });
  await expect(alert).toContainText("empty.yaml: the file is empty");
  await expect(alert).not.toContainText("no Kubernetes objects");

  // Sent without the browser: as a form file, and as curl sends an empty --data-binary.
  const upload = `/api${assessmentUrl}/snapshots`;
  const form = await page.request.post(`${upload}?wait=1`, {
    multipart: { file: { name: "empty.yaml", mimeType: "application/yaml", buffer: Buffer.alloc(0) } },
  });
  expect(form.status()).toBe(422);
  expect((await form.json()) as { detail: string }).toMatchObject({
    detail: "empty.yaml: the file is empty",
  });
  const raw = await page.request.post(`${upload}?filename=empty.json&wait=1`, {
    headers: { "content-type": "application/json" },
    data: Buffer.alloc(0),
  });
  expect(raw.status()).toBeGreaterThanOrEqual(400);
  expect(raw.status()).toBeLessThan(500);
  expect(((await raw.json()) as { detail: string }).detail).toMatch(/the file is empty/i);
});

test("the report lists unanswered questions by their text", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`${assessmentUrl}/report`);
  const unanswered = page.getByTestId("need-unanswered");
  await expect(unanswered).toContainText("How many production servers or VMs do you run?");
  await expect(unanswered.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByText(/production_hosts|services_multi_host|deploys_per_week/)).toHaveCount(0);
});

test("the audit log names the assessment a share link was made for", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`${assessmentUrl}/share`);
  await page.getByRole("button", { name: "Create share link" }).click();
  await expect(page.getByRole("textbox", { name: "Share link" })).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  const id = assessmentUrl.split("/").pop()!;
  await expect(
    page.getByRole("cell", { name: `Shared the report of assessment “${NAME}”`, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole("cell", { name: new RegExp(`assessment ${id}`) })).toHaveCount(0);
});

test("a disabled “Use this checklist” says why", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(`${assessmentUrl}/checklist`);
  const use = page.getByRole("button", { name: "Use this checklist" });
  await expect(use).toBeDisabled();
  await expect(use).toHaveAccessibleDescription(/already in use/i);
  await expect(page.getByText(/already in use/i)).toBeVisible();
});

test("the checklist editor searches, folds categories and shows the diff first", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Checklists" }).click();
  await page.getByRole("link", { name: "Production readiness" }).click();
  // A draft to edit: the editor opens on the draft there is, else on the latest published version,
  // from which one is made.
  await expect(page.getByRole("heading", { name: /^Version \d+$/ })).toBeVisible();
  const publish = page.getByRole("button", { name: /^Publish v\d+$/ });
  if (!(await publish.isVisible())) await page.getByRole("button", { name: "Edit as new draft" }).click();
  await expect(publish).toBeVisible();

  // A long checklist opens folded: categories with their counts, no items.
  const security = page.getByRole("button", { name: /^security \d+ items/i });
  await expect(security).toHaveAttribute("aria-expanded", "false");
  const dr = "Disaster-recovery plan, tested";
  await expect(page.getByRole("heading", { name: dr })).toHaveCount(0);

  // Searching opens what matches and hides the rest.
  const search = page.getByRole("searchbox", { name: "Search items" });
  await search.fill("disaster TESTED");
  await expect(page.getByRole("heading", { name: dr })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^1 of \d+ items match/ })).toBeVisible();
  await expect(security).toHaveCount(0);
  await search.fill("no such item anywhere");
  await expect(page.getByText("No item matches “no such item anywhere”")).toBeVisible();
  await page.getByRole("button", { name: "Clear the search" }).click();
  await expect(security).toHaveAttribute("aria-expanded", "false");

  // A category unfolds by keyboard.
  await security.focus();
  await page.keyboard.press("Enter");
  await expect(security).toHaveAttribute("aria-expanded", "true");
  await expect(
    page.getByRole("list", { name: "Items in security" }).getByRole("listitem").first(),
  ).toBeVisible();
  await page.getByRole("button", { name: "Collapse all" }).click();
  await expect(security).toHaveAttribute("aria-expanded", "false");

  // An edit shows in the diff, which sits above the items.
  await search.fill("disaster");
  await page.getByRole("checkbox", { name: `Enable ${dr}` }).uncheck();
  const diff = page.getByTestId("version-diff");
  // The draft may carry other edits from earlier journeys (a threshold): only this one is asserted.
  await expect(diff.getByRole("table", { name: /^Changed \(\d+\)/ })).toContainText(dr);
  const diffTop = (await diff.boundingBox())!.y;
  const itemsTop = (await page
    .getByRole("list", { name: /^Items in / })
    .first()
    .boundingBox())!.y;
  expect(diffTop).toBeLessThan(itemsTop);
  await page.getByRole("checkbox", { name: `Enable ${dr}` }).check();
  await expect(diff).not.toContainText(dr);
});

test("an import says beforehand whether it makes a new checklist or a draft of an existing one", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const { checklists } = (await (await page.request.get("/api/admin/checklists")).json()) as {
    checklists: { slug: string; name: string; versions: { id: string; status: string }[] }[];
  };
  const existing = checklists.find((c) => c.slug === "production-readiness")!;
  const published = existing.versions.find((v) => v.status === "published")!;
  const file = await (
    await page.request.get(`/api/admin/checklist-versions/${published.id}/export?format=yaml`)
  ).text();

  await page.getByRole("link", { name: "Checklists" }).click();
  const form = page.getByRole("form", { name: "Import checklist" });
  await expect(form).toContainText("one whose slug exists becomes that checklist's next draft");
  const paste = form.getByLabel("Or paste YAML or JSON");
  await paste.fill(file);
  await expect(form.getByTestId("import-outcome")).toContainText(
    `The checklist “${existing.name}” already has the slug production-readiness`,
  );
  await paste.fill(file.replace(/^slug: .*$/m, `slug: imported-${rand}`));
  await expect(form.getByTestId("import-outcome")).toHaveText(
    new RegExp(`^Creates a new checklist “.+” \\(imported-${rand}\\) with \\d+ items, as draft v1\\.$`),
  );
});

test("every page has an icon", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await page.request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});
