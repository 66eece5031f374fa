// Admin-issued password reset: a one-time link, the password policy on the way, then sign-in with
// the new password. Runs after 01-journey, which created the administrator.
import { expect, test } from "@playwright/test";
import { ADMIN, apiSignIn, signIn } from "./helpers";

const USER = { name: "Rita Reset", email: "reset.user@example.com", password: "an initial long passphrase" };
const NEW_PASSWORD = "violet harbour kettle";

test("an admin's reset link sets a new password once", async ({ page, browser, playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  await apiSignIn(admin, ADMIN);
  const created = await admin.post("/api/admin/users", { data: { ...USER, role: "member" } });
  expect(created.status(), await created.text()).toBe(201);
  await admin.dispose();

  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Users" }).click();
  await page.getByRole("button", { name: `Reset link for ${USER.email}` }).click();
  const link = page.getByRole("textbox", { name: "Reset link" });
  await expect(link).toHaveValue(/\/reset\/[\w-]{43}$/);
  const url = await link.inputValue();

  const ctx = await browser.newContext();
  const user = await ctx.newPage();
  await user.goto(url);
  await expect(user.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(user.getByText(`For ${USER.email}.`)).toBeVisible();

  await user.getByLabel("New password", { exact: true }).fill("password1234");
  await user.getByLabel("Confirm new password").fill("password1234");
  await user.getByRole("button", { name: "Set new password" }).click();
  await expect(user.getByText(/one of the most commonly used passwords/)).toBeVisible();

  await user.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await user.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await user.getByRole("button", { name: "Set new password" }).click();
  await expect(user).toHaveURL(/\/login\?reset=done$/);
  await expect(user.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();

  await signIn(user, { email: USER.email, password: NEW_PASSWORD });
  const old = await ctx.request.post("/api/auth/login", { data: USER });
  expect(old.status()).toBe(401);

  // Used once: the page says so, and the API refuses it like an unknown link.
  await user.goto(url);
  await expect(user.getByRole("heading", { name: "This reset link is not valid" })).toBeVisible();
  const again = await ctx.request.post("/api/auth/reset", {
    data: { token: url.split("/reset/")[1], newPassword: "another violet harbour" },
  });
  expect(again.status()).toBe(404);
  await ctx.close();
});

test("the account page changes the password and signs other sessions out", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const who = {
    name: "Carl Change",
    email: "change.user@example.com",
    password: "an initial long passphrase",
  };
  const admin = await playwright.request.newContext({ baseURL });
  await apiSignIn(admin, ADMIN);
  expect((await admin.post("/api/admin/users", { data: who })).status()).toBe(201);
  await admin.dispose();

  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  await apiSignIn(laptop.request, who);
  await apiSignIn(phone.request, who);

  await signIn(page, who);
  await page.getByRole("link", { name: "Account" }).click();
  const sessions = page.getByRole("table", { name: "Sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(4);
  await expect(sessions.getByText("This session")).toHaveCount(1);

  // One other session signed out by hand, from the table.
  await sessions
    .getByRole("button", { name: /^Sign out session/ })
    .first()
    .click();
  await expect(sessions.getByRole("row")).toHaveCount(3);
  const stillIn = [
    (await laptop.request.get("/api/me")).status(),
    (await phone.request.get("/api/me")).status(),
  ];
  expect(stillIn.sort()).toEqual([200, 401]);

  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Your current password is not correct.")).toBeVisible();

  await form.getByLabel("Current password").fill(who.password);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await expect(sessions.getByRole("row")).toHaveCount(2);
  expect((await laptop.request.get("/api/me")).status()).toBe(401);
  expect((await phone.request.get("/api/me")).status()).toBe(401);
  expect((await page.request.get("/api/me")).status()).toBe(200);
  await laptop.close();
  await phone.close();
});
