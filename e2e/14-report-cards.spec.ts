// The report's per-category cards (issue 12): the page arrives with the summary and the cards folded,
// none of their checks in it; opening a card with the keyboard loads its checks from the server, failing
// first with their fix and first objects. The shared report offers the same cards, read through the
// share link. No console errors on either page.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, hasCorpus, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const REPLICAS = "Replicated workloads run more than one replica";

function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

/** Opens the reliability card from the keyboard and checks what it loaded. */
async function openReliability(page: Page) {
  const card = page.getByTestId("category-card-reliability");
  await expect(card).toHaveAttribute("aria-expanded", "false");
  const panel = page.locator(`#${(await card.getAttribute("aria-controls"))!}`);
  await expect(panel).toBeHidden();
  await card.focus();
  await page.keyboard.press("Enter");
  await expect(card).toHaveAttribute("aria-expanded", "true");
  await expect(panel).toBeVisible();
  const checks = panel.getByRole("list", { name: "Checks in reliability" });
  const replicas = checks.getByRole("listitem").filter({ hasText: REPLICAS }).first();
  await expect(replicas).toContainText("Failing");
  await expect(replicas).toContainText("Fix:");
  await expect(replicas.getByRole("list", { name: `First affected objects of ${REPLICAS}` })).toContainText(
    /Deployment (\S+\/)?argocd-/,
  );
  // Space folds it again.
  await page.keyboard.press("Space");
  await expect(card).toHaveAttribute("aria-expanded", "false");
  await expect(panel).toBeHidden();
  return checks;
}

test("a category card opened with the keyboard loads its checks, signed in and shared", async ({
  page,
  browser,
}) => {
  test.skip(!hasCorpus, "../shared/corpus is not present");
  const errors = consoleErrors(page);
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Assessments", exact: true }).click();
  await page.getByRole("link", { name: "Checkout platform" }).click();
  await page.getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Production readiness" })).toBeVisible();

  // The page itself carries no card contents: they come from the checks API.
  const html = await (await page.request.get(page.url())).text();
  expect(html).not.toContain("Checks in reliability");
  const cards = page.getByRole("list", { name: "Score per category" });
  await expect(cards.getByRole("listitem")).toHaveCount(6);
  const loaded = page.waitForResponse(
    (r) => r.url().includes("/report/checks?category=reliability") && r.status() === 200,
  );
  await openReliability(page);
  await loaded;
  // Each check in a card leads to its own page.
  await page.getByTestId("category-card-reliability").click();
  await expect(
    page
      .getByRole("list", { name: "Checks in reliability" })
      .getByRole("listitem")
      .filter({ hasText: REPLICAS })
      .first()
      .getByRole("link", { name: REPLICAS }),
  ).toHaveAttribute("href", /\/assessments\/[^/]+\/checks\/[a-z0-9-]+$/);
  await page.getByTestId("category-card-reliability").click();

  // The action plan links each failing check to its own page (rationale, fix, its objects by status).
  const plan = page.getByRole("list", { name: "Failing checks" });
  await expect(plan.getByRole("link").first()).toHaveAttribute(
    "href",
    /\/assessments\/[^/]+\/checks\/[a-z0-9-]+$/,
  );

  // The same cards behind a share link, for someone with no account.
  await page.getByRole("link", { name: "Share" }).click();
  await page.getByLabel("Label (optional)").fill("Cards review");
  await page.getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  const visitorErrors = consoleErrors(visitor);
  await visitor.goto(url);
  await expect(visitor.getByText("shared report (read-only)")).toBeVisible();
  const sharedLoaded = visitor.waitForResponse(
    (r) => /\/api\/shared\/[^/]+\/checks\?category=reliability/.test(r.url()) && r.status() === 200,
  );
  await openReliability(visitor);
  await sharedLoaded;
  // A shared card pages a check's objects through the share link, not the signed-in explorer.
  await visitor.getByTestId("category-card-reliability").click();
  const replicas = visitor
    .getByRole("list", { name: "Checks in reliability" })
    .getByRole("listitem")
    .filter({ hasText: REPLICAS })
    .first();
  await expect(replicas).toBeVisible();
  await expect(replicas.getByRole("link", { name: /findings explorer/ })).toHaveCount(0);
  await expect(replicas.getByRole("link", { name: REPLICAS })).toHaveCount(0);
  await anonymous.close();

  // A second reader gets the page `npm start` kept in memory: a fresh CSP nonce written into it, so its
  // scripts run and its cards load as on the rendered page.
  const second = await browser.newContext();
  const reader = await second.newPage();
  const readerErrors = consoleErrors(reader);
  const response = await reader.goto(url);
  expect(response?.headers()["x-kubeready-cache"]).toBe("hit");
  await expect(reader.getByText("shared report (read-only)")).toBeVisible();
  const cachedLoaded = reader.waitForResponse(
    (r) => /\/api\/shared\/[^/]+\/checks\?category=reliability/.test(r.url()) && r.status() === 200,
  );
  // Opens the card, sees its checks load through the share link, and folds it again.
  await openReliability(reader);
  await cachedLoaded;
  await second.close();
  expect(readerErrors).toEqual([]);

  expect(errors).toEqual([]);
  expect(visitorErrors).toEqual([]);
});
