import { existsSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "a long admin password" };
export const MEMBER = { name: "Max Member", email: "max@example.com", password: "a long member password" };

/**
 * How long an upload may take from the file chosen to "Analysed n objects": analysis runs in a process
 * of its own, which on a busy two-core machine takes well over the default 15 s to start and finish.
 */
export const UPLOAD_MS = 60_000;
export const corpus = path.resolve(process.cwd(), "../shared/corpus");
export const hasCorpus = existsSync(corpus);
export const corpusFile = (rel: string) => path.join(corpus, rel);

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Assessments" })).toBeVisible();
}

/** Logs in through the API; the request context then carries the session cookie. */
export async function apiSignIn(request: APIRequestContext, who: { email: string; password: string }) {
  const res = await request.post("/api/auth/login", { data: who });
  expect(res.status(), await res.text()).toBe(200);
}
