// Roles and tokens: members cannot reach admin pages or routes; API tokens work for CI.
import { expect, test } from "@playwright/test";
import { ADMIN, MEMBER, apiSignIn, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

test("an admin creates a member, who cannot reach admin pages", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Users" }).click();
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Name").fill(MEMBER.name);
  await form.getByLabel("Email").fill(MEMBER.email);
  await form.getByLabel("Initial password").fill(MEMBER.password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("cell", { name: MEMBER.email, exact: true })).toBeVisible();

  const ctx = await browser.newContext();
  const member = await ctx.newPage();
  await signIn(member, MEMBER);
  await expect(member.getByRole("link", { name: "Users" })).toHaveCount(0);
  const page403 = await member.goto("/admin/users");
  expect(page403?.status()).toBe(403);
  await expect(member.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(member.getByText(ADMIN.email)).toHaveCount(0);
  for (const [method, path] of [
    ["GET", "/api/admin/users"],
    ["POST", "/api/admin/users"],
    ["PATCH", "/api/admin/users/00000000-0000-0000-0000-000000000000"],
  ] as const) {
    const res = await ctx.request.fetch(path, { method, data: {} });
    expect(res.status(), `${method} ${path}`).toBe(403);
  }
  await ctx.close();
});

test("API: no session is 401, a personal token works until revoked", async ({
  playwright,
  page,
  baseURL,
}) => {
  const anon = await playwright.request.newContext({ baseURL });
  expect((await anon.get("/api/assessments")).status()).toBe(401);
  const body = (await (await anon.get("/api/assessments")).json()) as { code: string };
  expect(body.code).toBe("unauthenticated");

  await signIn(page, MEMBER);
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill("CI pipeline");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();

  const ci = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const created = await ci.post("/api/assessments", { data: { name: "From CI" } });
  expect(created.status()).toBe(201);
  const { assessment } = (await created.json()) as { assessment: { id: string } };
  // CI waits for the analysis (?wait=1) and gets its verdict in the answer.
  const upload = await ci.post(`/api/assessments/${assessment.id}/snapshots?filename=garbage.json&wait=1`, {
    headers: { "content-type": "application/json" },
    data: '{"items": [1, 2',
  });
  expect(upload.status()).toBe(422);
  const problem = (await upload.json()) as { detail: string; code: string };
  expect(problem.code).toBe("invalid-snapshot");
  expect(problem.detail).toContain("garbage.json");
  // Without ?wait the upload is acknowledged at once with its job, which then fails the same way.
  const queued = await ci.post(`/api/assessments/${assessment.id}/snapshots?filename=garbage.json`, {
    headers: { "content-type": "application/json" },
    data: '{"items": [1, 2',
  });
  expect(queued.status()).toBe(202);
  const { job } = (await queued.json()) as { job: { id: string } };
  await expect
    .poll(
      async () =>
        ((await (await ci.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status,
    )
    .toBe("failed");

  await page.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText("Revoked")).toBeVisible();
  expect((await ci.get("/api/assessments")).status()).toBe(401);
  await ci.dispose();
  await anon.dispose();

  const admin = await playwright.request.newContext({ baseURL });
  await apiSignIn(admin, ADMIN);
  expect((await admin.get("/api/admin/users")).status()).toBe(200);
  await admin.dispose();
});
