// Single sign-on through a real OpenID Connect provider (e2e/oidc-provider.mts, started by
// playwright.config.ts next to the app). Runs after 01, which did the first-run setup.
import { expect, test, type Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

const OIDC_USER = { login: "oidc-user", name: "Olivia Oidc" };

async function accountId(page: Page): Promise<string> {
  const res = await page.request.get("/api/me");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { user: { id: string } }).user.id;
}

test("a person signs in through the identity provider, and comes back to the same account", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();

  // The provider's own login form (oidc-provider's development interaction).
  await page.getByPlaceholder("Enter any login").fill(OIDC_USER.login);
  await page.getByPlaceholder("and password").fill("any password at the provider");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await expect(page).toHaveURL(/\/assessments$/);
  await expect(page.getByRole("heading", { name: "Assessments" })).toBeVisible();
  await expect(page.getByText(OIDC_USER.name)).toBeVisible();
  await expect(page.getByText("(member)")).toBeVisible();
  const first = await accountId(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The provider remembers the person, so this time it sends them straight back.
  await page.getByRole("link", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(/\/assessments$/);
  await expect(page.getByText(OIDC_USER.name)).toBeVisible();
  expect(await accountId(page)).toBe(first);
});

test("a callback that does not belong to an attempt from this browser is refused, and says so", async ({
  page,
}) => {
  await page.goto("/api/auth/oidc/callback?code=stolen-code&state=guessed-state");
  await expect(page).toHaveURL(/\/login\?error=oidc-failed$/);
  await expect(page.getByRole("alert").filter({ hasText: "Single sign-on did not complete" })).toBeVisible();
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
});
