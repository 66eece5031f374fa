// Checklists curated by admins: an edit, once published, changes a member's score only when they re-score.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, MEMBER, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const DR = "Disaster-recovery plan, tested";

/** Every method of every route under app/api/admin, read from the source so a new route is covered too. */
function adminRoutes(id: string): [string, string][] {
  const root = path.resolve("app/api/admin");
  const out: [string, string][] = [];
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith("route.ts")) continue;
    const url = `/api/admin/${path.dirname(file)}`.replace(/\[[^\]]+\]/g, id).replace(/\/\.$/, "");
    const query = url.endsWith("/diff") ? `?from=${id}&to=${id}` : "";
    for (const [, method] of readFileSync(path.join(root, file), "utf8").matchAll(
      /export const (GET|POST|PUT|PATCH|DELETE)\b/g,
    )) {
      out.push([method!, url + query]);
    }
  }
  return out;
}

async function openReport(page: Page) {
  await page.getByRole("link", { name: "Assessments", exact: true }).click();
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { name: "Production readiness" })).toBeVisible();
}

test("a member answers manual items; an admin's published edit is picked up by re-scoring", async ({
  page,
  browser,
}) => {
  // The member answers a manual item: DR plan not tested.
  await signIn(page, MEMBER);
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await page.getByRole("link", { name: "Checklist" }).click();
  await page.getByRole("radiogroup", { name: DR }).getByRole("radio", { name: "No", exact: true }).check();
  await expect(page.getByTestId("checklist-save-status")).toHaveText("All changes saved");
  await page.reload();
  await expect(
    page.getByRole("radiogroup", { name: DR }).getByRole("radio", { name: "No", exact: true }),
  ).toBeChecked();

  await openReport(page);
  await expect(page.getByTestId("pinned-checklist")).toHaveText(/Production readiness version 1/);
  const before = Number((await page.getByTestId("readiness-score").textContent())!.replace("/100", ""));

  // The admin lowers that item to "low" in a new draft and publishes it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole("link", { name: "Checklists" }).click();
  await admin.getByRole("link", { name: "Production readiness" }).click();
  await admin.getByRole("button", { name: "Edit as new draft" }).click();
  await expect(admin.getByRole("heading", { name: "Version 2" })).toBeVisible();
  // A long checklist opens with its categories folded: find the item by searching.
  await admin.getByRole("searchbox", { name: "Search items" }).fill(DR);
  await admin.getByRole("button", { name: `Edit ${DR}` }).click();
  const form = admin.getByRole("form", { name: `Edit ${DR}` });
  await form.getByLabel("Severity").selectOption("low");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await admin.getByRole("button", { name: "Publish v2" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(admin.getByRole("button", { name: "Edit as new draft" })).toBeVisible();

  // Until the member re-scores, the report stays on version 1 and says a newer one exists.
  await page.reload();
  await expect(page.getByTestId("pinned-checklist")).toHaveText(/version 1/);
  await expect(page.getByText("Version 2 of this checklist has been published since.")).toBeVisible();
  await expect(page.getByTestId("readiness-score")).toHaveText(`${before}/100`);
  await page.getByRole("button", { name: "Re-score with version 2" }).click();
  await expect(page.getByTestId("pinned-checklist")).toHaveText(/version 2/);
  await expect(page.getByTestId("readiness-score")).not.toHaveText(`${before}/100`);
  const after = Number((await page.getByTestId("readiness-score").textContent())!.replace("/100", ""));
  expect(after).toBeGreaterThan(before);
  // The old report is kept in the history.
  const history = page.getByRole("region", { name: "Score history" });
  await expect(
    history.getByRole("cell", { name: "Production readiness v1", exact: true }).first(),
  ).toBeVisible();
  await expect(history.getByRole("cell", { name: "Production readiness v2", exact: true })).toBeVisible();
  await expect(
    history.getByRole("table").getByText(/Re-scored with Production readiness v2 \(was v1\)/),
  ).toBeVisible();

  // The admin sees the change in the audit log.
  await admin.getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByText(`Edited "${DR}"`).first()).toBeVisible();
  await adminContext.close();
});

test("an admin sets a check's threshold on its item; a wrong value is named, not saved", async ({ page }) => {
  const REPLICAS = "Replicated workloads run more than one replica";
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Checklists" }).click();
  await page.getByRole("link", { name: "Production readiness" }).click();
  const publish = page.getByRole("button", { name: /^Publish v\d+$/ });
  await expect(publish.or(page.getByRole("button", { name: "Edit as new draft" }))).toBeVisible();
  if (!(await publish.isVisible())) await page.getByRole("button", { name: "Edit as new draft" }).click();
  // Search only once the draft is open: switching versions starts the editor afresh.
  await expect(publish).toBeVisible();
  await page.getByRole("searchbox", { name: "Search items" }).fill(REPLICAS);
  await page.getByRole("button", { name: `Edit ${REPLICAS}` }).click();
  const form = page.getByRole("form", { name: `Edit ${REPLICAS}` });
  const params = form.getByRole("group", { name: "Check parameters" });
  const min = params.getByLabel("minReplicas");
  await expect(min).toHaveValue("");
  await expect(min).toHaveAttribute("placeholder", "2");

  await min.fill("three");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(min).toHaveAccessibleDescription(/number/i);
  await expect(form).toBeVisible();

  await min.fill("3");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  const item = page.getByRole("listitem").filter({ hasText: REPLICAS }).first();
  await expect(item).toContainText("Parameters: minReplicas = 3");
  // The diff against the published version lists the new threshold.
  await expect(page.getByText("minReplicas = 3").first()).toBeVisible();
  // Opened again, the form shows what the server stored.
  await page.getByRole("button", { name: `Edit ${REPLICAS}` }).click();
  await expect(
    page
      .getByRole("form", { name: `Edit ${REPLICAS}` })
      .getByRole("group", { name: "Check parameters" })
      .getByLabel("minReplicas"),
  ).toHaveValue("3");
});

test("a malformed import shows what is wrong and changes nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Checklists" }).click();
  const rows = page.getByRole("link", { name: "Production readiness" });
  await expect(rows).toHaveCount(1);
  const form = page.getByRole("form", { name: "Import checklist" });
  await form
    .getByLabel("Or paste YAML or JSON")
    .fill(
      [
        "kubereadyChecklist: 1",
        "slug: broken",
        "name: Broken",
        "items:",
        "  - key: one",
        "    kind: manual",
        "    question: Is it fine?",
        "    title: One",
        "    category: reliability",
        "    severity: catastrophic",
        "    rationale: r",
        "    remediation: m",
      ].join("\n"),
    );
  await form.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(/Import failed/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems in the file" })).toContainText("items.0.severity");
  await page.reload();
  await expect(page.getByRole("link", { name: "Broken" })).toHaveCount(0);
  await expect(rows).toHaveCount(1);
});

test("members get 403 from every admin route and page", async ({ browser }) => {
  const ctx = await browser.newContext();
  const member = await ctx.newPage();
  await signIn(member, MEMBER);
  const id = "00000000-0000-0000-0000-000000000000";
  const routes = adminRoutes(id);
  expect(routes.length).toBeGreaterThanOrEqual(20);
  for (const [method, path] of routes) {
    const res = await ctx.request.fetch(path, { method, data: method === "GET" ? undefined : {} });
    expect(res.status(), `${method} ${path}`).toBe(403);
  }
  for (const path of [
    "/admin/users",
    "/admin/checklists",
    `/admin/checklists/${id}`,
    "/admin/exemptions",
    "/admin/audit",
    "/admin/teams",
  ]) {
    const res = await member.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(member.getByRole("heading", { name: "Not allowed" }), path).toBeVisible();
  }
  await ctx.close();
});
