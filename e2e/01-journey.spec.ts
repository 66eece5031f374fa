// The whole assessment journey, as a team would do it the first time.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ADMIN, corpusFile, hasCorpus, signIn, UPLOAD_MS } from "./helpers";
import { expectUsableScreen, PHONE } from "./screens";

// Uploads get UPLOAD_MS of their own; the journeys around them get room for that too.
test.describe.configure({ mode: "serial", timeout: 180_000 });

test("first run: setup creates the administrator", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  // The only time this page can be seen: it fits a phone and passes axe like every other (11-screens).
  const desktop = page.viewportSize()!;
  await page.setViewportSize(PHONE);
  await expectUsableScreen(page, "/setup");
  await page.setViewportSize(desktop);
  await page.getByLabel("Your name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("heading", { name: "Assessments" })).toBeVisible();
  await expect(page.getByText("No assessments yet")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/login$/);
});

test("assess, upload, report and share", async ({ page, browser }) => {
  test.skip(!hasCorpus, "../shared/corpus is not present");
  await signIn(page, ADMIN);

  await page.getByLabel("Assessment name").fill("Checkout platform");
  await page.getByRole("button", { name: "Create assessment" }).click();
  // A new assessment opens on its questionnaire.
  await expect(page.getByRole("heading", { name: "Checkout platform" })).toBeVisible();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  await expect(
    page.getByRole("navigation", { name: "Assessment" }).getByRole("link", { name: "Questionnaire" }),
  ).toHaveAttribute("aria-current", "page");

  // Answer part of the questionnaire; it autosaves.
  await page.getByLabel("How many production servers or VMs do you run?").fill("40");
  await page.getByLabel("How many applications or services do you deploy independently?").fill("25");
  await page
    .getByRole("radiogroup", { name: /autoscal/i })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("radiogroup", { name: /containers/i })
    .getByLabel("All or nearly all")
    .check();
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");
  await expect(page.getByText(/4 of \d+ answered/)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("How many production servers or VMs do you run?")).toHaveValue("40");
  await expect(page.getByRole("radiogroup", { name: /autoscal/i }).getByLabel("Yes")).toBeChecked();
  await expect(page.getByText(/4 of \d+ answered/)).toBeVisible();

  // Upload a real manifest bundle from the corpus.
  await page.getByRole("link", { name: "Snapshots" }).click();
  await expect(page.getByText("No snapshots yet")).toBeVisible();
  await page.getByLabel("Snapshot file").setInputFiles(corpusFile("manifests/argo-cd/install.yaml"));
  await expect(page.getByText(/Analysed 59 objects from install\.yaml/)).toBeVisible({ timeout: UPLOAD_MS });
  await expect(page.getByRole("listitem").filter({ hasText: "install.yaml" })).toBeVisible();

  // The report: four answers are too few for a verdict, so it says what is missing instead of
  // recommending anything; the factors so far, readiness with its coverage, failing checks.
  await page.getByRole("link", { name: "View the report" }).click();
  await expect(page.getByRole("heading", { name: "Do you need Kubernetes?" })).toBeVisible();
  await expect(page.getByText("Not enough answers for a verdict yet")).toBeVisible();
  await expect(page.getByTestId("need-missing")).toContainText("Answer 4 more core questions");
  await expect(page.getByText(/Recommendation: /)).toHaveCount(0);
  await expect(page.getByRole("cell", { name: "40 production hosts" })).toBeVisible();
  await expect(page.getByTestId("readiness-score")).toHaveText(/\d+\/100/);
  await expect(page.getByTestId("readiness-coverage")).toContainText(/\d+ of \d+ items scored/);
  await expect(page.getByTestId("readiness-coverage")).toContainText("59 objects examined");
  const failing = page.getByRole("list", { name: "Failing checks" }).getByRole("listitem");
  expect(await failing.count()).toBeGreaterThan(3);
  await expect(page.getByRole("heading", { name: "Action plan" })).toBeVisible();
  const markdown = await page.request.get(
    (await page.getByRole("link", { name: "Markdown" }).getAttribute("href"))!,
  );
  expect(markdown.headers()["content-disposition"]).toContain("checkout-platform-report.md");
  expect(await markdown.text()).toMatch(/# Checkout platform \(Default\)[\s\S]*## Action plan\n\n1\. \*\*\[/);

  // Share: the link opens for someone with no account.
  await page.getByRole("link", { name: "Share" }).click();
  await page.getByLabel("Label (optional)").fill("Platform review");
  await page.getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  expect(url).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);

  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  await visitor.goto(url);
  await expect(visitor.getByRole("heading", { name: /Checkout platform/ })).toBeVisible();
  await expect(visitor.getByText("shared report (read-only)")).toBeVisible();
  await expect(visitor.getByTestId("readiness-score")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Assessments" })).toHaveCount(0);
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);

  // Revoke: the same link now reveals nothing.
  await expect(page.getByRole("list", { name: "Share links" })).toContainText("Platform review");
  await page.getByRole("button", { name: "Revoke “Platform review”" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Revoked")).toBeVisible();
  const after = await visitor.goto(url);
  expect(after?.status()).toBe(404);
  await expect(visitor.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(visitor.getByText("Checkout platform")).toHaveCount(0);
  const api = await anonymous.request.get(url.replace("/shared/", "/api/shared/"));
  expect(api.status()).toBe(404);
  await anonymous.close();
});

test("a bad upload explains what is wrong and keeps earlier snapshots", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await page.getByRole("link", { name: "Snapshots" }).click();
  const uploaded = page.getByRole("listitem").filter({ hasText: "objects" });
  await expect(uploaded).toHaveCount(1);
  await page.getByLabel("Snapshot file").setInputFiles({
    name: "broken.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n"),
  });
  const alert = page.getByRole("alert").filter({ hasText: "The snapshot was not accepted." });
  await expect(alert).toContainText("broken.yaml");
  await expect(alert).toContainText(/line \d+:\d+/);
  await expect(uploaded).toHaveCount(1);
});

test("dropping a file on the upload area uploads it", async ({ page }) => {
  test.skip(!hasCorpus, "../shared/corpus is not present");
  await signIn(page, ADMIN);
  await page.getByLabel("Assessment name").fill("Drop zone");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: "Drop zone" })).toBeVisible();
  await page.getByRole("link", { name: "Snapshots" }).click();
  const text = readFileSync(
    corpusFile("manifests/microservices-demo/release/kubernetes-manifests.yaml"),
    "utf8",
  );
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], "demo.yaml", { type: "application/yaml" }));
    return dt;
  }, text);
  const zone = page.getByText("Drop a cluster snapshot or manifests here").locator("..");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText(/Analysed 35 objects from demo\.yaml/)).toBeVisible({ timeout: UPLOAD_MS });
  await expect(page.getByRole("listitem").filter({ hasText: "demo.yaml" })).toBeVisible();
});

test("two tabs editing one assessment never silently overwrite each other", async ({ page, context }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  const other = await context.newPage();
  await other.goto(page.url());
  const hosts = "How many production servers or VMs do you run?";

  await page.getByLabel(hosts).fill("50");
  await expect(page.getByTestId("save-status")).toHaveText("All changes saved");

  // The second tab still holds the old version: its save is refused and it reloads the latest answers.
  await other.getByLabel(hosts).fill("3");
  const conflict = other.getByText(/changed in another tab or by someone else/);
  await expect(conflict).toBeVisible();
  await expect(other.getByLabel(hosts)).toHaveValue("50");
  // The status beside it does not claim the refused edit was saved.
  await expect(other.getByTestId("save-status")).toHaveText("Your last edit was not saved");
  // Entering it again saves it, and the warning goes.
  await other.getByLabel(hosts).fill("51");
  await expect(other.getByTestId("save-status")).toHaveText("All changes saved");
  await expect(conflict).toHaveCount(0);
  await other.getByLabel(hosts).fill("50");
  await expect(other.getByTestId("save-status")).toHaveText("All changes saved");
  await page.reload();
  await expect(page.getByLabel(hosts)).toHaveValue("50");
});

test("rename and delete from the dashboard, with confirmation", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByLabel("Assessment name").fill("Scratch");
  await page.getByRole("button", { name: "Create assessment" }).click();
  await expect(page.getByRole("heading", { name: "Scratch" })).toBeVisible();
  await page.getByRole("link", { name: "All assessments" }).click();
  await page.getByRole("button", { name: "Rename Scratch" }).click();
  await page.getByLabel("New name").fill("Scratch renamed");
  await page.getByLabel("New name").press("Enter");
  await expect(page.getByRole("link", { name: "Scratch renamed" })).toBeVisible();

  await page.getByRole("button", { name: "Delete Scratch renamed" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete assessment?" });
  await expect(dialog).toContainText("Scratch renamed");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name: "Scratch renamed" })).toBeVisible();

  await page.getByRole("button", { name: "Delete Scratch renamed" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("link", { name: "Scratch renamed" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Checkout platform" })).toBeVisible();
});
