// What each operation is sent: path parameters and a body that would succeed were authorization
// missing, aimed so that a missing check can only hurt throwaways and victims, never X.
import { randomUUID } from "node:crypto";
import type { Expectation } from "./expectations";
import { resourceKind } from "./expectations";
import { paramsOf, type Method } from "./routes";
import { SNAPSHOT, type Identity, type World } from "./world";

export interface Request {
  url: string;
  /** JSON text; absent for operations that take no body. */
  data?: string;
  /** Set when a parameter's resource is unknown to the matrix (it then gets a random id). */
  unknownKind?: string;
}

/**
 * Reads use the shared resource (X and its neighbours). Writes that must be refused aim at a victim
 * twin; allowed ones at a fresh throwaway when the kind asks for one (deletes; every write where the
 * shared resource would not survive it, like publishing a draft).
 */
async function paramsFor(path: string, method: Method, exp: Expectation, who: Identity, world: World) {
  const names = paramsOf(path);
  if (names.length === 0) return { params: {} as Record<string, string> };
  const kind = resourceKind(path);
  if (kind === "shareToken") return { params: { token: who.shareToken?.value ?? world.liveShareToken } };
  const known = kind ? world.kinds[kind] : undefined;
  if (!known) {
    return { params: Object.fromEntries(names.map((n) => [n, randomUUID()])), unknownKind: kind ?? path };
  }
  if (method === "GET") return { params: known.shared };
  if (exp.outcome === "allow" && known.fresh && (known.freshFor === "write" || method === "DELETE")) {
    return { params: await known.fresh() };
  }
  return { params: exp.outcome === "allow" ? known.shared : (known.victim ?? known.shared) };
}

let counter = 0;

/** Bodies by operation; the fallback `{}` still shows who passes authentication for routes added later. */
function bodyFor(
  method: Method,
  path: string,
  world: World,
): { body?: unknown; raw?: string; query?: string } {
  const n = ++counter;
  const { rand, checkId, checklistId } = world.bodies;
  const password = `matrix ${rand} another long passphrase ${n}`;
  const bodies: Record<string, () => { body?: unknown; raw?: string; query?: string }> = {
    "POST /api/assessments": () => ({ body: { name: `${world.secret}-new-${n}`, teamId: world.x.teamId } }),
    // Renaming X to its own name: a success would change nothing the rest of the matrix relies on.
    "PATCH /api/assessments/{id}": () => ({ body: { name: world.secret } }),
    "PUT /api/assessments/{id}/answers": () => ({ body: { version: 1, answers: {} } }),
    "PUT /api/assessments/{id}/checklist-answers": () => ({ body: { version: 1, answers: {} } }),
    "PUT /api/assessments/{id}/checklist": () => ({ body: { checklistId } }),
    "POST /api/assessments/{id}/share-links": () => ({ body: { expiresInDays: 1 } }),
    "POST /api/assessments/{id}/snapshots": () => ({ raw: SNAPSHOT, query: "filename=matrix.json" }),
    // The same id twice: refused as invalid, but only after the caller was authorised for X.
    "GET /api/assessments/{id}/snapshots/compare": () => {
      const id = randomUUID();
      return { query: `from=${id}&to=${id}` };
    },
    // Too large a page: refused as invalid, but only after the caller was authorised for X (else 404).
    "GET /api/assessments/{id}/findings": () => ({ query: "pageSize=500&severity=high" }),
    // A category card of the report (the shared one only with a live link).
    "GET /api/assessments/{id}/report/checks": () => ({ query: "category=reliability" }),
    "GET /api/shared/{token}/checks": () => ({ query: "category=reliability" }),
    "PATCH /api/snapshots/{id}": () => ({ body: { baseline: false } }),
    "POST /api/tokens": () => ({ body: { name: `matrix ${n}`, scope: "read", expiresAt: null } }),
    "POST /api/me/password": () => ({
      body: { currentPassword: "not the current password", newPassword: password },
    }),
    // Public: without a password the request is refused before the sign-in throttle counts a failure.
    "POST /api/auth/login": () => ({ body: { email: `nobody-${rand}@example.com`, password: "" } }),
    "POST /api/auth/reset": () => ({ body: { token: "not-a-reset-token", newPassword: password } }),
    "POST /api/setup": () => ({
      body: { name: "Second admin", email: `matrix-setup-${rand}@example.com`, password },
    }),
    "POST /api/admin/users": () => ({
      body: { name: `Matrix new ${n}`, email: `matrix-new-${rand}-${n}@example.com`, password },
    }),
    "PATCH /api/admin/users/{id}": () => ({ body: { role: "member" } }),
    "POST /api/admin/teams": () => ({ body: { name: `Matrix new team ${rand} ${n}` } }),
    "PATCH /api/admin/teams/{id}": () => ({ body: { name: `Matrix renamed team ${rand} ${n}` } }),
    "PUT /api/admin/teams/{id}/members/{userId}": () => ({ body: { role: "maintainer" } }),
    "POST /api/admin/exemptions": () => ({
      body: { checkId, namespacePattern: `matrix-${rand}-new-${n}`, reason: "Tried by the access matrix." },
    }),
    "POST /api/admin/checklists": () => ({
      body: { name: `Matrix new checklist ${rand} ${n}`, slug: `matrix-${rand}-new-${n}` },
    }),
    "POST /api/admin/checklists/import": () => ({
      body: { kubereadyChecklist: 1, slug: `matrix-${rand}-import-${n}`, name: "Matrix import", items: [] },
    }),
    "POST /api/admin/checklist-versions/{versionId}/items": () => ({
      body: {
        kind: "manual",
        key: `matrix-new-${n}`,
        title: "Matrix item",
        category: "reliability",
        severity: "low",
        rationale: "Tried by the access matrix.",
        remediation: "None needed.",
        question: "Is this a matrix item?",
      },
    }),
    "PATCH /api/admin/checklist-versions/{versionId}/items/{itemId}": () => ({
      body: { title: "Matrix item renamed" },
    }),
    "PUT /api/admin/checklist-versions/{versionId}/order": () => ({ body: { keys: ["matrix-item"] } }),
  };
  const make = bodies[`${method} ${path}`];
  if (make) return make();
  return method === "GET" || method === "DELETE" ? {} : { body: {} };
}

/** Whether the body puts something into X's team, which outsiders may not do. */
export const writesIntoTeamA = (method: Method, path: string) =>
  method === "POST" && path === "/api/assessments";

export async function requestFor(
  method: Method,
  path: string,
  exp: Expectation,
  who: Identity,
  world: World,
): Promise<Request> {
  const { params, unknownKind } = await paramsFor(path, method, exp, who, world);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? randomUUID()),
  );
  const { body, raw, query } = bodyFor(method, path, world);
  return {
    url: query ? `${filled}?${query}` : filled,
    data: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    unknownKind,
  };
}
