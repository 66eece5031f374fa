// Every screen, everyone (issue 12): every page found in the source tree, opened on a 390×844 phone by
// a visitor, a member and an administrator, fits the screen (no sideways scrolling) and has no serious
// or critical axe-core violation; admin pages answer members 403; the navigation folds into a menu the
// keyboard can use, starts with a skip link and marks the current page. Runs after 01-journey's
// first-run setup, or alone (it then performs the setup itself).
import { randomBytes } from "node:crypto";
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type Page,
} from "@playwright/test";
import { pages, paramsOf } from "./access-matrix/routes";
import { ADMIN } from "./helpers";
import { expectUsableScreen, PHONE } from "./screens";

async function ok<T>(res: Promise<APIResponse>, what: string): Promise<T> {
  const r = await res;
  expect(r.ok(), `${what}: ${r.status()} ${await r.text()}`).toBe(true);
  return (r.status() === 204 ? undefined : await r.json()) as T;
}

// Enough for every part of the report: failing checks of every severity, a certificate-free namespace,
// a Service and a PDB that select nothing.
const SNAPSHOT = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: storefront-with-a-rather-long-name-that-does-not-wrap-easily, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: storefront } }
  template:
    metadata: { labels: { app: storefront } }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: registry.example.com/a-very-long-organisation-name/storefront-image-name:latest
          securityContext: { privileged: true }
---
apiVersion: v1
kind: Service
metadata: { name: storefront, namespace: shop }
spec:
  type: LoadBalancer
  selector: { app: storefront }
  ports: [{ port: 80 }]
`;

interface Seed {
  assessmentId: string;
  checklistId: string;
  shareToken: string;
  resetToken: string;
  member: { email: string; password: string };
}

async function seed(request: APIRequestContext): Promise<Seed> {
  const rand = randomBytes(3).toString("hex");
  const setup = await request.post("/api/setup", { data: ADMIN });
  if (setup.status() !== 201) await ok(request.post("/api/auth/login", { data: ADMIN }), "admin sign-in");
  const member = { email: `screens-${rand}@example.com`, password: `blue kettle ${rand} wide margins` };
  const { user } = await ok<{ user: { id: string } }>(
    request.post("/api/admin/users", { data: { name: `Sam Screens ${rand}`, ...member } }),
    "create member",
  );
  const { team } = await ok<{ team: { id: string } }>(
    request.post("/api/admin/teams", { data: { name: `Screens ${rand}` } }),
    "create team",
  );
  await ok(
    request.put(`/api/admin/teams/${team.id}/members/${user.id}`, { data: { role: "member" } }),
    "add member",
  );
  const { checklists } = await ok<{ checklists: { id: string }[] }>(request.get("/api/checklists"), "list");
  const { checks } = await ok<{ checks: { id: string }[] }>(request.get("/api/checks"), "checks");
  await ok(
    request.post("/api/admin/exemptions", {
      data: { checkId: checks[0]!.id, namespacePattern: `screens-${rand}`, reason: "Seen on every screen." },
    }),
    "create exemption",
  );
  const reset = await ok<{ url: string }>(
    request.post(`/api/admin/users/${user.id}/password-reset`),
    "reset link",
  );

  // The member's own assessment, with answers, a snapshot, a share link and an API token.
  await ok(request.post("/api/auth/logout"), "admin sign-out");
  await ok(request.post("/api/auth/login", { data: member }), "member sign-in");
  const { assessment } = await ok<{ assessment: { id: string } }>(
    request.post("/api/assessments", { data: { name: `Screens ${rand}`, teamId: team.id } }),
    "create assessment",
  );
  const base = `/api/assessments/${assessment.id}`;
  const { version } = await ok<{ version: number }>(request.get(`${base}/answers`), "answers");
  await ok(
    request.put(`${base}/answers`, {
      data: { version, answers: { production_hosts: 12, services: 9, needs_autoscaling: true } },
    }),
    "answer",
  );
  await ok(
    request.post(`${base}/snapshots?filename=screens.yaml&wait=1`, {
      headers: { "content-type": "application/yaml" },
      data: SNAPSHOT,
    }),
    "upload",
  );
  const { link } = await ok<{ link: { url: string } }>(
    request.post(`${base}/share-links`, { data: { expiresInDays: 30 } }),
    "share link",
  );
  await ok(request.post("/api/tokens", { data: { name: "CI", scope: "write", expiresAt: null } }), "token");
  await ok(request.post("/api/auth/logout"), "member sign-out");
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;
  return {
    assessmentId: assessment.id,
    checklistId: checklists[0]!.id,
    shareToken: tokenOf(link.url),
    resetToken: tokenOf(reset.url),
    member,
  };
}

/** The check and object pages show a check of SNAPSHOT and its Deployment (long names on purpose). */
const OBJECT_PAGE: Record<string, string> = {
  checkId: "readiness-probe",
  kind: "Deployment",
  namespace: "shop",
  name: "storefront-with-a-rather-long-name-that-does-not-wrap-easily",
};

/** The URL of a page with its `{param}`s filled from the seed; a new kind of parameter fails loudly. */
function urlOf(path: string, s: Seed): string {
  let url = path;
  for (const param of paramsOf(path)) {
    const value = path.startsWith("/assessments/")
      ? (OBJECT_PAGE[param] ?? s.assessmentId)
      : path.startsWith("/admin/checklists/")
        ? s.checklistId
        : path.startsWith("/shared/")
          ? s.shareToken
          : path.startsWith("/reset/")
            ? s.resetToken
            : null;
    if (!value) throw new Error(`No value for {${param}} in ${path}: add one to urlOf in 11-screens.spec.ts`);
    url = url.replace(`{${param}}`, value);
  }
  return url;
}

async function signedInPage(
  browser: Browser,
  baseURL: string,
  who: { email: string; password: string } | null,
) {
  const context = await browser.newContext({ baseURL, viewport: PHONE });
  if (who) await ok(context.request.post("/api/auth/login", { data: who }), `sign in ${who.email}`);
  return { context, page: await context.newPage() };
}

/** Waits until the client has fetched what the page shows (no loading placeholders left). */
async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^Loading\b/)).toHaveCount(0);
}

let s: Seed;

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { origin: new URL(baseURL!).origin },
  });
  s = await seed(request);
  await request.dispose();
});

test("every page fits a 390 px screen and has no serious axe violation, for visitors, members and admins", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(600_000);
  const all = pages();
  expect(all.length).toBeGreaterThan(15);
  const identities = [
    { name: "visitor", who: null, sees: all.filter((p) => !p.signedIn) },
    { name: "member", who: s.member, sees: all.filter((p) => p.signedIn) },
    { name: "admin", who: ADMIN, sees: all.filter((p) => p.signedIn) },
  ];
  for (const { name, who, sees } of identities) {
    const { context, page } = await signedInPage(browser, baseURL!, who);
    for (const p of sees) {
      const url = urlOf(p.path, s);
      await test.step(`${name} ${url}`, async () => {
        const res = await page.goto(url);
        const adminPage = p.path.startsWith("/admin");
        // Members are refused admin pages with a real 403, not a 200 saying so.
        expect.soft(res?.status(), `${name} ${url}`).toBe(name === "member" && adminPage ? 403 : 200);
        if (name === "member" && adminPage) {
          await expect.soft(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
        }
        await settled(page);
        await expectUsableScreen(page, `${name} ${url}`);
      });
    }
    if (who) {
      await test.step(`${name}: a page that does not exist`, async () => {
        const res = await page.goto(`/assessments/${crypto.randomUUID()}`);
        expect.soft(res?.status()).toBe(404);
        await expectUsableScreen(page, `${name} 404`);
      });
    }
    await context.close();
  }
});

test("on a phone the navigation is a menu the keyboard opens, uses and closes", async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await signedInPage(browser, baseURL!, s.member);
  await page.goto("/checks");
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = nav.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav.getByRole("link", { name: "API tokens" })).toBeHidden();

  // The skip link is the first thing Tab reaches, and it moves focus past the navigation.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // Open with the keyboard: every link is on screen, the current one marked.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  for (const name of ["Assessments", "Checks", "API tokens", "Account"]) {
    await expect(nav.getByRole("link", { name })).toBeInViewport();
  }
  await expect(nav.getByRole("link", { name: "Checks" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("button", { name: "Sign out" })).toBeInViewport();
  await expectUsableScreen(page, "menu open");

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();

  // Following a link from the menu closes the menu on the new page.
  await page.keyboard.press("Enter");
  await nav.getByRole("link", { name: "API tokens" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Personal API tokens" })).toBeVisible();
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  // Every tab of an assessment is reachable on the phone (Share included).
  await page.goto(`/assessments/${s.assessmentId}/report`);
  const tabs = page.getByRole("navigation", { name: "Assessment" });
  for (const name of ["Questionnaire", "Checklist", "Snapshots", "Report", "Share"]) {
    await expect(tabs.getByRole("link", { name })).toBeInViewport({ ratio: 1 });
  }
  await expect(tabs.getByRole("link", { name: "Report" })).toHaveAttribute("aria-current", "page");
  await context.close();
});

test("the navigation marks the current page, by more than colour", async ({ page }) => {
  await ok(page.request.post("/api/auth/login", { data: s.member }), "sign in");
  await page.goto("/checks");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
  const current = nav.getByRole("link", { name: "Checks" });
  const other = nav.getByRole("link", { name: "Account" });
  await expect(current).toHaveAttribute("aria-current", "page");
  await expect(other).not.toHaveAttribute("aria-current", /.*/);
  const look = (l: typeof current) =>
    l.evaluate((el) => {
      const css = getComputedStyle(el);
      return { weight: css.fontWeight, underline: css.borderBottomColor };
    });
  const [a, b] = [await look(current), await look(other)];
  expect(a.weight).not.toBe(b.weight);
  expect(a.underline).not.toBe(b.underline);

  // Inside an assessment, "Assessments" is where you are.
  await page.goto(`/assessments/${s.assessmentId}/snapshots`);
  await expect(nav.getByRole("link", { name: "Assessments" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Checks" })).not.toHaveAttribute("aria-current", /.*/);
});
