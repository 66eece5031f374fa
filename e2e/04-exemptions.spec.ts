// Admin exemptions: a glob-scoped exemption takes a failing check out of the action plan until revoked.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, hasCorpus, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const REPLICAS = "Replicated workloads run more than one replica";

async function actionPlan(page: Page) {
  await page.getByRole("link", { name: "Assessments", exact: true }).click();
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await page.getByRole("link", { name: "Report", exact: true }).click();
  return page.getByRole("list", { name: "Failing checks" });
}

test("an exemption hides a finding from the report, and revoking it brings it back", async ({ page }) => {
  test.skip(!hasCorpus, "../shared/corpus is not present");
  await signIn(page, ADMIN);
  await expect((await actionPlan(page)).getByRole("heading", { name: REPLICAS })).toBeVisible();

  await page.getByRole("link", { name: "Exemptions" }).click();
  const form = page.getByRole("form", { name: "Create exemption" });
  await form.getByLabel("Check").selectOption("single-replica");
  await form.getByLabel("Name pattern").fill("argocd-*");
  await form.getByLabel("Reason").fill("Argo CD runs one replica of each component in this cluster");
  await form.getByRole("button", { name: "Create exemption" }).click();
  const row = page.getByRole("row").filter({ hasText: "argocd-*" });
  await expect(row).toContainText(/active/i);
  await expect(row).toContainText(ADMIN.name);
  // Every assessment is re-scored by a job whose progress the page shows until it is done.
  await expect(
    page.getByText("Every assessment has been re-scored with the exemptions in force."),
  ).toBeVisible();

  await expect((await actionPlan(page)).getByRole("heading", { name: REPLICAS })).toHaveCount(0);
  // The reliability card lists the check as exempt.
  await page.getByTestId("category-card-reliability").click();
  await expect(
    page
      .getByRole("list", { name: "Checks in reliability" })
      .getByRole("listitem")
      .filter({ hasText: REPLICAS })
      .first(),
  ).toContainText("Exempt");

  await page.getByRole("link", { name: "Exemptions" }).click();
  await page.getByRole("button", { name: "Revoke exemption for single-replica (*/argocd-*)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("row").filter({ hasText: "argocd-*" })).toContainText(/revoked/i);
  await expect(
    page.getByText("Every assessment has been re-scored with the exemptions in force."),
  ).toBeVisible();
  await expect((await actionPlan(page)).getByRole("heading", { name: REPLICAS })).toBeVisible();
});

test("an exemption can cover one part of a bundled check only", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Exemptions" }).click();
  const form = page.getByRole("form", { name: "Create exemption" });
  // A check that judges one thing offers no choice of part.
  await form.getByLabel("Check").selectOption("single-replica");
  await expect(form.getByLabel("Part of the check")).toHaveCount(0);
  await form.getByLabel("Check").selectOption("resource-limits");
  const part = form.getByLabel("Part of the check");
  await expect(part.getByRole("option")).toHaveText(["All of it", "cpu only", "memory only"]);
  await part.selectOption("cpu");
  await form.getByLabel("Namespace pattern").fill("batch-*");
  await form.getByLabel("Reason").fill("Batch jobs may burst over their CPU share at night");
  await form.getByRole("button", { name: "Create exemption" }).click();
  const row = page.getByRole("row").filter({ hasText: "batch-*" });
  await expect(row).toContainText("only cpu");
  await expect(row).toContainText(/active/i);
  await expect(
    page.getByText("Every assessment has been re-scored with the exemptions in force."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Revoke exemption for resource-limits (batch-*/*)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText(/revoked/i);
});
