// What each identity must get from each page and API operation: the access rules of issue 9 written
// once as a function, so the matrix judges routes it has never seen.
import type { ApiOperation, Method, PageRoute } from "./routes";
import type { Identity } from "./world";

export type AssessmentRight = "read" | "edit" | "manage";

export interface Expectation {
  /** allow: passed the authorization check (anything but 401/403/404); any: public, only never 5xx. */
  outcome: "allow" | "deny" | "any";
  /** For deny: the acceptable statuses. Pages that need a session answer 307 to /login. */
  statuses?: number[];
  toLogin?: boolean;
  /** The body must not contain X's unique name: the identity may not see X. */
  blind: boolean;
  why: string;
}

/**
 * The resource a path parameter names, from the collection segment before the last `{param}`:
 * `/api/share-links/{id}` is a share link. Unknown collections get a random id (and are reported).
 */
export function resourceKind(path: string): string | null {
  // Pages inside one assessment named by more than an id: a check, an object (kind/namespace/name).
  if (/^\/assessments\/\{id\}\/(checks|objects)\//.test(path)) return "assessmentPart";
  const match = /\/([\w-]+)\/\{(\w+)\}(?!.*\{)/.exec(path);
  if (!match) return null;
  if (match[2] === "token") return "shareToken";
  const kinds: Record<string, string> = {
    assessments: "assessment",
    "share-links": "shareLink",
    snapshots: "snapshot",
    jobs: "job",
    tokens: "token",
    sessions: "session",
    users: "user",
    members: "member",
    teams: "team",
    exemptions: "exemption",
    checklists: "checklist",
    "checklist-versions": "version",
    items: "item",
  };
  return kinds[match[1]!] ?? `unknown:${match[1]}`;
}

const isWrite = (m: Method) => m !== "GET";

/**
 * A share link is a capability: whoever requests `…/{token}` with a live one reads its report. The
 * path gets the identity's own share token, or X's live one for identities that hold none.
 */
const holdsLiveLink = (path: string, who: Identity) =>
  resourceKind(path) === "shareToken" && (who.shareToken?.live ?? true);
const seesTeamA = (who: Identity) => who.person !== null && who.person !== "outsider";

/**
 * The right an operation needs on assessment X, or null when it is not about one assessment.
 * Managing (rename, delete, share links) is for the owner, the team's maintainers and admins.
 */
export function assessmentRight(method: Method, path: string): AssessmentRight | null {
  const kind = resourceKind(path);
  const write = isWrite(method);
  if (kind === "shareLink") return "manage";
  if (kind !== "snapshot" && kind !== "job" && !/\/assessments\/\{id\}/.test(path)) return null;
  if (/\/assessments\/\{id\}\/share(-links)?(\/|$)/.test(path)) return "manage";
  if (/\/assessments\/\{id\}$/.test(path) && write) return "manage";
  return write ? "edit" : "read";
}

/** Within team A: outsiders never learn X exists, read-only tokens never write, only managers manage. */
function assessmentVerdict(who: Identity, right: AssessmentRight, write: boolean): Expectation | null {
  const blind = !seesTeamA(who);
  if (who.person === "outsider") return { outcome: "deny", statuses: [404], blind, why: "outside the team" };
  if (who.readOnly && write) return { outcome: "deny", statuses: [403], blind, why: "read-only token" };
  if (right === "manage" && who.person === "teammate") {
    return { outcome: "deny", statuses: [403], blind, why: "member without manage right" };
  }
  return null;
}

export interface ApiCase {
  op: ApiOperation;
  /** One of the operation's query variants (`user=all`), or "" for none. */
  query: string;
  /** The request body puts something into team A (creating an assessment there). */
  intoTeamA: boolean;
}

export function expectApi({ op, query, intoTeamA }: ApiCase, who: Identity): Expectation {
  const write = isWrite(op.method);
  const kind = resourceKind(op.path);
  const right = assessmentRight(op.method, op.path);
  const personal = kind === "token" || kind === "session";
  // The path outranks the declaration: an admin path or an assessment's data is never public.
  const needs =
    op.access === "admin" || op.path.startsWith("/api/admin/")
      ? "admin"
      : op.access === "user" || right || personal
        ? "user"
        : "public";
  const blind = !seesTeamA(who);

  // /metrics opens to its own token alone (METRICS_TOKEN, set in playwright.config.ts): no session,
  // API token or share link does, administrators' included.
  if (op.path === "/metrics") return { outcome: "deny", statuses: [401], blind, why: "metrics token only" };
  if (needs === "public") {
    // A share link is a capability: whoever holds a live one reads its report, and only that.
    return { outcome: "any", blind: blind && !holdsLiveLink(op.path, who), why: "public" };
  }
  if (who.person === null) return { outcome: "deny", statuses: [401], blind, why: "no valid credential" };
  if (needs === "admin") {
    if (who.person !== "admin")
      return { outcome: "deny", statuses: [403], blind, why: "not an administrator" };
    return { outcome: "allow", blind, why: "administrator" };
  }
  if (who.readOnly && write) return { outcome: "deny", statuses: [403], blind, why: "read-only token" };
  // Asking for other people's records (`?user=<id>|all`) is for administrators.
  if (/^user=/.test(query) && who.person !== "admin") {
    return { outcome: "deny", statuses: [403], blind, why: "other users' records" };
  }
  if (right) return assessmentVerdict(who, right, write) ?? { outcome: "allow", blind, why: `may ${right}` };
  if (personal) {
    // The owner's token or session: theirs to revoke; admins revoke any token, but /me/ is only yours.
    if (who.person === "owner") return { outcome: "allow", blind, why: "their own" };
    if (who.person === "admin" && kind === "token")
      return { outcome: "allow", blind, why: "admin revokes tokens" };
    return { outcome: "deny", statuses: [403, 404], blind, why: "someone else's" };
  }
  if (intoTeamA && who.person === "outsider") {
    return { outcome: "deny", statuses: [404], blind, why: "writes into a team they are not in" };
  }
  return { outcome: "allow", blind, why: "signed in" };
}

export function expectPage(page: PageRoute, who: Identity): Expectation {
  const blind = !seesTeamA(who);
  const session = who.credential === "session" && who.person !== null;
  if (!page.signedIn) {
    return { outcome: "any", blind: blind && !holdsLiveLink(page.path, who), why: "public page" };
  }
  // Pages read the session cookie only: tokens and share tokens are no sign-in there.
  if (!session) return { outcome: "deny", statuses: [307], toLogin: true, blind, why: "not signed in" };
  if (/^\/admin(\/|$)/.test(page.path)) {
    if (who.person !== "admin")
      return { outcome: "deny", statuses: [403], blind, why: "not an administrator" };
    return { outcome: "allow", blind, why: "administrator" };
  }
  const right = /^\/assessments\/\{id\}/.test(page.path) ? assessmentRight("GET", page.path) : null;
  if (right) return assessmentVerdict(who, right, false) ?? { outcome: "allow", blind, why: `may ${right}` };
  return { outcome: "allow", blind, why: "signed in" };
}
