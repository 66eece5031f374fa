// Teams: a member of team B sees nothing of team A's; an owner deletes their assessment and the audit
// log shows it.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, apiSignIn, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

// Unique per run, so a search of a page for the name cannot match anything left by another spec.
const stamp = Date.now().toString(36);
const ALICE = { name: "Alice Alpha", email: `alice-${stamp}@example.com`, password: "correct horse alpha" };
const BOB = { name: "Bob Bravo", email: `bob-${stamp}@example.com`, password: "correct horse bravo" };
const SECRET = `Alpha ledger ${stamp}`;
const BRAVO_OWN = `Bravo billing ${stamp}`;

async function created<T>(res: Awaited<ReturnType<APIRequestContext["post"]>>): Promise<T> {
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as T;
}

let secretId = "";

test("an administrator sets up two teams with one member each", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  await apiSignIn(admin, ADMIN);
  const teamId: Record<"A" | "B", string> = { A: "", B: "" };
  for (const key of ["A", "B"] as const) {
    const { team } = await created<{ team: { id: string } }>(
      await admin.post("/api/admin/teams", { data: { name: `Team ${key} ${stamp}` } }),
    );
    teamId[key] = team.id;
  }
  for (const [who, key] of [
    [ALICE, "A"],
    [BOB, "B"],
  ] as const) {
    const { user } = await created<{ user: { id: string } }>(
      await admin.post("/api/admin/users", { data: { ...who, role: "member" } }),
    );
    const put = await admin.put(`/api/admin/teams/${teamId[key]}/members/${user.id}`, {
      data: { role: "member" },
    });
    expect(put.status(), await put.text()).toBe(204);
  }
  await admin.dispose();

  for (const [who, name, key] of [
    [ALICE, SECRET, "A"],
    [BOB, BRAVO_OWN, "B"],
  ] as const) {
    const ctx = await playwright.request.newContext({ baseURL });
    await apiSignIn(ctx, who);
    const { assessment } = await created<{ assessment: { id: string } }>(
      await ctx.post("/api/assessments", { data: { name, teamId: teamId[key] } }),
    );
    if (name === SECRET) secretId = assessment.id;
    await ctx.dispose();
  }
});

test("a member of team B sees none of team A's assessments", async ({ page }) => {
  await signIn(page, BOB);
  // Their own assessment shows, so the list has loaded before we look for the other one.
  await expect(page.getByRole("link", { name: BRAVO_OWN })).toBeVisible();
  await expect(page.getByText(SECRET)).toHaveCount(0);

  for (const path of [`/assessments/${secretId}`, `/assessments/${secretId}/report`]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(SECRET)).toHaveCount(0);
  }
  expect((await page.request.get(`/api/assessments/${secretId}`)).status()).toBe(404);
});

test("the owner deletes their assessment and the audit log shows it", async ({ page, browser }) => {
  await signIn(page, ALICE);
  await page.getByRole("button", { name: `Delete ${SECRET}` }).click();
  const dialog = page.getByRole("dialog", { name: "Delete assessment?" });
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("link", { name: SECRET })).toHaveCount(0);

  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  await signIn(admin, ADMIN);
  await admin.getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByText(`Deleted assessment ${SECRET}`)).toBeVisible();
  await ctx.close();
});
