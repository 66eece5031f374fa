// Access you can trust (issue 9): every page and API operation found in the source tree, requested
// as every kind of caller — anonymous, another team's member, teammate, maintainer, owner, admin,
// a deactivated user's session and token, revoked, expired and read-only tokens, live and revoked
// share links. Each answer is judged by the rules in access-matrix/expectations.ts: the status, and
// that nobody who may not see assessment X finds its unique name anywhere in the body (redirects,
// error pages and RSC payloads included). No status 5xx for anyone. Runs after 01-journey's
// first-run setup, or alone (it then performs the setup itself).
import { writeFileSync } from "node:fs";
import { expect, test, type APIResponse } from "@playwright/test";
import { expectApi, expectPage, type Expectation } from "./access-matrix/expectations";
import { requestFor, writesIntoTeamA } from "./access-matrix/requests";
import { apiOperations, pages } from "./access-matrix/routes";
import { buildWorld, type Identity, type World } from "./access-matrix/world";

interface Case {
  /** `GET /api/…`, `PAGE /…` (HTML) or `RSC /…` (the React Server Components payload). */
  target: string;
  who: Identity;
  exp: Expectation;
  send: () => Promise<{ res: APIResponse; url: string; unknownKind?: string }>;
}

interface Outcome {
  target: string;
  identity: string;
  url: string;
  status: number;
  /** The body holds X's unique name. */
  revealed: boolean;
  expected: string;
  problem: string | null;
}

/**
 * The status a response stands for. An RSC payload answers 200 and carries a redirect, a 404 or a 403
 * inside, as the digest of the error the page threw; the client router acts on that.
 */
/**
 * A request sent again once when the connection was reset: a keep-alive socket the server closed just as
 * it was reused. That is transport, not an answer of the app, and says nothing about access.
 */
async function once<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (!/ECONNRESET|socket hang up/.test(String(err))) throw err;
    return send();
  }
}

function effective(res: APIResponse, body: string, rsc: boolean) {
  const header = { status: res.status(), location: res.headers().location };
  if (!rsc) return header;
  const redirect = /NEXT_REDIRECT;\w+;([^;"]+);(\d{3});/.exec(body);
  if (redirect) return { status: Number(redirect[2]), location: redirect[1] };
  const fallback = /NEXT_HTTP_ERROR_FALLBACK;(\d{3})/.exec(body);
  if (fallback) return { status: Number(fallback[1]), location: undefined };
  return header;
}

function judge(exp: Expectation, res: APIResponse, body: string, world: World, kind: "API" | "PAGE" | "RSC") {
  const { status, location } = effective(res, body, kind === "RSC");
  if (res.status() >= 500 || status >= 500) return `server error ${status}`;
  if (exp.blind && body.includes(world.secret)) return `body reveals "${world.secret}"`;
  const toLogin = location !== undefined && new URL(location, world.origin).pathname === "/login";
  if (exp.outcome === "allow") {
    if ([401, 403, 404].includes(status)) return `refused ${status}`;
    if (kind !== "API" && toLogin) return "sent to /login";
  }
  if (exp.outcome === "deny") {
    if (!exp.statuses!.includes(status)) return `got ${status}`;
    if (exp.toLogin && !toLogin) return `redirect to ${location ?? "nowhere"}, not /login`;
  }
  return null;
}

const expectedText = (exp: Expectation) =>
  exp.outcome === "deny"
    ? `${exp.statuses!.join("|")}${exp.toLogin ? "→/login" : ""} (${exp.why})`
    : `${exp.outcome} (${exp.why})`;

test("every page and API route answers every identity as the access rules say", async ({
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const world = await buildWorld(playwright.request, baseURL!);
  const seeded = Date.now();

  const cases: Case[] = [];
  for (const who of world.identities) {
    for (const op of apiOperations()) {
      for (const query of ["", ...op.queryVariants]) {
        const exp = expectApi({ op, query, intoTeamA: writesIntoTeamA(op.method, op.path) }, who);
        cases.push({
          target: `${op.method} ${op.path}${query ? `?${query}` : ""}`,
          who,
          exp,
          send: async () => {
            const req = await requestFor(op.method, op.path, exp, who, world);
            const url = query ? `${req.url}${req.url.includes("?") ? "&" : "?"}${query}` : req.url;
            const headers: Record<string, string> =
              req.data === undefined ? {} : { "content-type": "application/json" };
            const res = await once(() => who.ctx.fetch(url, { method: op.method, headers, data: req.data }));
            return { res, url, unknownKind: req.unknownKind };
          },
        });
      }
    }
    for (const page of pages()) {
      const exp = expectPage(page, who);
      for (const variant of ["PAGE", "RSC"] as const) {
        cases.push({
          target: `${variant} ${page.path}`,
          who,
          exp,
          send: async () => {
            const req = await requestFor("GET", page.path, exp, who, world);
            const headers: Record<string, string> = variant === "RSC" ? { rsc: "1" } : {};
            const res = await once(() => who.ctx.get(req.url, { headers }));
            // Next first sends an RSC request without its cache-busting `_rsc` parameter back to
            // the same path with one; the payload is behind that redirect.
            const location = res.headers().location;
            const busted = location ? new URL(location, world.origin) : null;
            if (variant === "RSC" && busted?.searchParams.has("_rsc") && busted.pathname === req.url) {
              return {
                res: await once(() => who.ctx.get(busted.pathname + busted.search, { headers })),
                url: req.url,
                unknownKind: req.unknownKind,
              };
            }
            return { res, url: req.url, unknownKind: req.unknownKind };
          },
        });
      }
    }
  }

  const outcomes: Outcome[] = [];
  const unknownKinds = new Set<string>();
  const run = async (c: Case) => {
    const { res, url, unknownKind } = await c.send();
    if (unknownKind) unknownKinds.add(`${c.target} (${unknownKind})`);
    const body = await res.text();
    const kind = c.target.startsWith("PAGE ") ? "PAGE" : c.target.startsWith("RSC ") ? "RSC" : "API";
    const problem = judge(c.exp, res, body, world, kind);
    outcomes.push({
      target: c.target,
      identity: c.who.name,
      url,
      status: effective(res, body, kind === "RSC").status,
      revealed: body.includes(world.secret),
      expected: expectedText(c.exp),
      problem:
        problem && unknownKind
          ? `${problem} (no fixture for ${unknownKind} in access-matrix/world.ts)`
          : problem,
    });
  };
  // Signing out ends the identity's session, so those requests go last.
  const endsSession = (c: Case) => c.target.endsWith("/logout");
  const first = cases.filter((c) => !endsSession(c));
  for (let i = 0; i < first.length; i += 16) await Promise.all(first.slice(i, i + 16).map(run));
  for (const c of cases.filter(endsSession)) await run(c);
  const finished = Date.now();

  const byIdentity = new Map<string, Map<number, number>>();
  for (const o of outcomes) {
    const counts = byIdentity.get(o.identity) ?? new Map<number, number>();
    counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    byIdentity.set(o.identity, counts);
  }
  const tried = outcomes.length;
  // Controls: the name search finds X where it must be (owner's pages, RSC payloads and API answers;
  // the live share link), else every "no leak" above would pass for nothing.
  const controls = (["PAGE", "RSC", "GET"] as const).flatMap((kind) =>
    ["owner", "share-token"].map((identity) => ({ identity, kind })),
  );
  for (const { identity, kind } of controls) {
    if (!outcomes.some((o) => o.identity === identity && o.target.startsWith(`${kind} `) && o.revealed)) {
      outcomes.push({
        target: `${kind} (any)`,
        identity,
        url: "",
        status: 0,
        revealed: false,
        expected: "X's name in at least one answer",
        problem: "control: the name search never matched, so the leak checks prove nothing",
      });
    }
  }
  const unexpected = outcomes
    .filter((o) => o.problem)
    .map(
      (o) =>
        `${o.identity.padEnd(20)} ${o.target} [${o.url}] → ${o.status}: ${o.problem}; expected ${o.expected}`,
    )
    .sort();
  const summary = [
    `Access matrix: ${tried} pairs (${apiOperations().length} API operations, their query variants and ${pages().length} pages as HTML and RSC, × ${world.identities.length} identities); seeding ${((seeded - started) / 1000).toFixed(1)} s, requests ${((finished - seeded) / 1000).toFixed(1)} s`,
    ...[...byIdentity].map(
      ([who, counts]) =>
        `  ${who.padEnd(20)} ${[...counts]
          .sort(([a], [b]) => a - b)
          .map(([s, n]) => `${s}×${n}`)
          .join("  ")}`,
    ),
    ...(unknownKinds.size
      ? ["Parameters of unknown resources (given random ids):", ...[...unknownKinds].map((k) => `  ${k}`)]
      : []),
    `Unexpected: ${unexpected.length}`,
    ...unexpected.map((u) => `  ${u}`),
  ].join("\n");
  console.log(summary);
  const file = testInfo.outputPath("access-matrix.json");
  writeFileSync(file, JSON.stringify(outcomes, null, 2));
  await testInfo.attach("access-matrix.json", { path: file, contentType: "application/json" });
  await world.dispose();

  expect(unexpected).toEqual([]);
});
