// The route wrapper (lib/api/route.ts) as a client meets it: who may call (anonymous, session, API
// token, read-only token, administrator), the same-origin check on cookie writes, zod errors with their
// path, problem+json bodies without internals, 204 for handlers that return nothing, and the per-route
// rate limit. Real sessions, tokens and rate-limit counters on PostgreSQL and PGlite; the only stand-in
// is next/headers' cookies(), which exists only inside Next's request scope: here it reads the cookies
// of the request under test, as Next would.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createApiToken, createSession, createUser } from "@/lib/server/users";
import { REQUEST_ID_HEADER } from "@/lib/observability/request-context";
import { allowedOrigins } from "./request-guards";
import { route } from "./route";

const nextRequest = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/compiled/@edge-runtime/cookies");
  return { cookies: () => Promise.resolve(new RequestCookies(nextRequest.headers)) };
});

const BASE = "http://localhost:3000";
/** The origin a browser on this app sends (PUBLIC_URL's when the environment sets one). */
const SAME_ORIGIN = allowedOrigins(new Request(`${BASE}/`))[0]!;
const EVIL = "https://evil.example";
const ID = "6f1c2a9e-4b7d-4c1e-9a3f-2d8e5b7c1a40";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

interface Call {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  session?: string;
  token?: string;
  origin?: string;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string;
}

/** Calls a wrapped handler as Next would for a request with these credentials and headers. */
async function call(handler: Handler, c: Call = {}): Promise<Response> {
  const headers = new Headers(c.headers);
  if (c.session) headers.set("cookie", `kr_session=${c.session}`);
  if (c.token) headers.set("authorization", `Bearer ${c.token}`);
  if (c.origin) headers.set("origin", c.origin);
  let body = c.body;
  if (c.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(c.json);
  }
  const req = new Request(`${BASE}${c.path ?? "/api/test"}`, { method: c.method ?? "GET", headers, body });
  nextRequest.headers = req.headers;
  return handler(req, { params: Promise.resolve(c.params ?? {}) });
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

/** The problem+json body of an error answer, after checking what every error answer has. */
async function problem(res: Response, status: number, code: string): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.headers.get("cache-control")).toBe("no-store");
  const body = (await res.json()) as ProblemBody;
  expect(body).toMatchObject({ type: `about:blank#${code}`, status, code });
  expect(body.title).not.toBe("");
  expect(body.detail).not.toBe("");
  expect(body).not.toHaveProperty("stack");
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |\.ts:\d+/);
  expect(res.headers.get(REQUEST_ID_HEADER)).toBe(body.requestId);
  return body;
}

const kinds = await availableKinds();

describe.each(kinds)("route wrapper on %s", (kind) => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let member: UserPrincipal;
  let adminSession: string;
  let memberSession: string;
  let memberToken: string;
  let memberReadToken: string;
  let adminToken: string;
  /** Handler runs, so a test can tell a refusal before the handler from one after it. */
  let runs = 0;

  beforeAll(async () => {
    const setup = await setUpAppDatabase(kind);
    t = setup.t;
    admin = asUser(setup.admin);
    member = asUser(
      await createUser(admin, {
        email: "member@example.com",
        name: "Mo",
        password: "a long passphrase 42",
        role: "member",
      }),
    );
    adminSession = (await createSession(admin.user.id)).token;
    memberSession = (await createSession(member.user.id)).token;
    memberToken = (await createApiToken(member, { name: "ci", scope: "write", expiresAt: null })).token;
    memberReadToken = (await createApiToken(member, { name: "dash", scope: "read", expiresAt: null })).token;
    adminToken = (await createApiToken(admin, { name: "ops", scope: "write", expiresAt: null })).token;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const whoAmI = route({ access: "user" }, ({ caller }) => {
    runs++;
    return { email: caller.user.email, via: caller.via };
  });
  const write = route({ access: "user", body: z.object({ name: z.string() }) }, ({ body }) => {
    runs++;
    return { saved: body.name };
  });
  const publicWrite = route({ access: "public" }, ({ caller }) => {
    runs++;
    return { anonymous: caller === null };
  });
  const adminOnly = route({ access: "admin" }, () => {
    runs++;
    return { ok: true };
  });

  it("answers 401 without credentials or with an unknown one, and tells who calls otherwise", async () => {
    const anonymous = await problem(await call(whoAmI), 401, "unauthenticated");
    expect(anonymous.title).toBe("Sign-in required");
    await problem(await call(whoAmI, { session: "not-a-session" }), 401, "unauthenticated");
    await problem(await call(whoAmI, { token: "kr_notatoken" }), 401, "unauthenticated");
    expect(runs).toBe(0);

    const bySession = await call(whoAmI, { session: memberSession });
    expect(bySession.status).toBe(200);
    expect(bySession.headers.get("cache-control")).toBe("no-store");
    expect(await bySession.json()).toEqual({ email: "member@example.com", via: "session" });
    expect(await (await call(whoAmI, { token: memberToken })).json()).toEqual({
      email: "member@example.com",
      via: "token",
    });
  });

  it("lets only administrators through admin routes, by session and by token", async () => {
    runs = 0;
    const refused = await problem(await call(adminOnly, { session: memberSession }), 403, "forbidden");
    expect(refused.detail).toBe("This needs an administrator.");
    await problem(await call(adminOnly, { token: memberToken }), 403, "forbidden");
    await problem(await call(adminOnly), 401, "unauthenticated");
    expect(runs).toBe(0);
    expect((await call(adminOnly, { session: adminSession })).status).toBe(200);
    expect((await call(adminOnly, { token: adminToken })).status).toBe(200);
    expect(runs).toBe(2);
  });

  it("refuses every write with a read-only token before reading the body, and lets it read", async () => {
    runs = 0;
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      // A body that would be a 400 if it were read: the refusal comes first.
      const res = await call(write, {
        method,
        token: memberReadToken,
        headers: { "content-type": "application/json" },
        body: "{not json",
      });
      expect((await problem(res, 403, "forbidden")).detail, method).toBe("This API token is read-only.");
    }
    expect(runs).toBe(0);
    expect(await (await call(whoAmI, { token: memberReadToken })).json()).toMatchObject({ via: "token" });
    expect(
      await (await call(write, { method: "POST", token: memberToken, json: { name: "x" } })).json(),
    ).toEqual({ saved: "x" });
  });

  it("refuses cookie writes from another site, and only those", async () => {
    runs = 0;
    const crossSite: Call[] = [
      { origin: EVIL },
      { origin: "null" },
      { origin: "file:///home/me/page.html" }, // a parsable URL whose origin is opaque
      { origin: "not a url" },
      { origin: SAME_ORIGIN.replace(/:\d+$/, ":1") }, // another port is another origin
      { headers: { "sec-fetch-site": "cross-site" } },
      { headers: { "sec-fetch-site": "same-site" } }, // a sibling subdomain
    ];
    for (const c of crossSite) {
      const res = await call(write, { ...c, method: "POST", session: memberSession, json: { name: "x" } });
      const body = await problem(res, 403, "forbidden");
      expect(body.detail, JSON.stringify(c)).toBe("Cross-site request refused.");
    }
    // Anonymous writes to public routes are held to the same rule (sign-up and sign-in forms).
    await problem(await call(publicWrite, { method: "POST", origin: EVIL }), 403, "forbidden");
    expect(runs).toBe(0);

    // Same origin, a non-browser client without Origin, reads from anywhere, and API tokens (which a
    // third-party page cannot make a browser send) all pass.
    const sameOrigin = { method: "POST", session: memberSession, json: { name: "x" } };
    expect((await call(write, { ...sameOrigin, origin: SAME_ORIGIN })).status).toBe(200);
    expect((await call(write, sameOrigin)).status).toBe(200);
    expect((await call(write, { ...sameOrigin, headers: { "sec-fetch-site": "same-origin" } })).status).toBe(
      200,
    );
    expect((await call(whoAmI, { session: memberSession, origin: EVIL })).status).toBe(200);
    expect(
      (await call(write, { method: "POST", token: memberToken, origin: EVIL, json: { name: "x" } })).status,
    ).toBe(200);
    expect((await call(publicWrite, { method: "POST", origin: SAME_ORIGIN })).status).toBe(200);
    expect(runs).toBe(6);
  });

  describe("input", () => {
    const items = route(
      {
        access: "user",
        params: z.object({ id: z.uuid({ message: "Not a valid id." }) }),
        query: z.object({ limit: z.coerce.number().int().min(1).max(50).optional() }),
        body: z.object({
          name: z.string().min(1, "Name is required."),
          tags: z.array(z.string()).max(3),
          owner: z.object({ email: z.email() }),
        }),
      },
      ({ params, query, body }) => ({ params, query, body }),
    );
    const good = { name: "Ledger", tags: ["a"], owner: { email: "o@example.com" } };
    const send = (c: Call) =>
      call(items, { method: "PUT", token: memberToken, params: { id: ID }, json: good, ...c });

    it("hands the handler what the schemas parsed", async () => {
      const res = await send({ path: "/api/items?limit=5" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ params: { id: ID }, query: { limit: 5 }, body: good });
    });

    it("answers 400 validation naming the part and the path of every bad field", async () => {
      const path = await problem(await send({ params: { id: "42" } }), 400, "validation");
      expect(path.detail).toBe("Invalid path (id): Not a valid id.");
      expect(path.errors).toEqual([{ path: "id", message: "Not a valid id." }]);

      const query = await problem(await send({ path: "/api/items?limit=500" }), 400, "validation");
      expect(query.detail).toMatch(/^Invalid query \(limit\): /);
      expect(query.errors?.map((e) => e.path)).toEqual(["limit"]);

      const body = await problem(
        await send({ json: { name: "", tags: ["a", 7], owner: { email: "nope" } } }),
        400,
        "validation",
      );
      expect(body.detail).toBe("Invalid body (name): Name is required.");
      expect(body.errors?.map((e) => e.path)).toEqual(["name", "tags.1", "owner.email"]);
      expect(body.errors?.every((e) => e.message.length > 0)).toBe(true);
      expect(body.title).toBe("Invalid input");
    });

    it("answers 400 for a body that is not JSON and 415 for one that does not say it is", async () => {
      const broken = await problem(
        await send({ json: undefined, headers: { "content-type": "application/json" }, body: '{"name": }' }),
        400,
        "bad-request",
      );
      expect(broken.detail).toMatch(/^Request body is not valid JSON: .* at line 1, column 10/);
      const form = await problem(
        await send({
          json: undefined,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "name=x",
        }),
        415,
        "unsupported-media-type",
      );
      expect(form.detail).toContain("application/x-www-form-urlencoded");
    });
  });

  describe("answers", () => {
    it("is 204 with an empty body when the handler returns nothing, JSON when it returns data", async () => {
      const nothing = await call(
        route({ access: "user" }, () => undefined),
        { token: memberToken },
      );
      expect(nothing.status).toBe(204);
      expect(await nothing.text()).toBe("");
      const nil = await call(
        route({ access: "user" }, () => null),
        { token: memberToken },
      );
      expect(nil.status).toBe(200);
      expect(await nil.json()).toBeNull();
      const own = await call(route({ access: "public" }, () => new Response("made here", { status: 202 })));
      expect(own.status).toBe(202);
      expect(await own.text()).toBe("made here");
    });

    it("maps domain errors to their status, with their extra fields", async () => {
      const unreadable = await problem(
        await call(
          route({ access: "public" }, () => {
            throw new AppError("invalid-snapshot", "Line 3: bad indentation.", {
              errors: [{ path: "items.2.metadata", message: "bad indentation" }],
            });
          }),
        ),
        422,
        "invalid-snapshot",
      );
      expect(unreadable.detail).toBe("Line 3: bad indentation.");
      expect(unreadable.errors).toEqual([{ path: "items.2.metadata", message: "bad indentation" }]);
      await problem(
        await call(
          route({ access: "public" }, () => {
            throw new AppError("not-found", "Assessment not found.");
          }),
        ),
        404,
        "not-found",
      );
    });

    it("answers an unexpected error with a bare 500 that quotes the request id and nothing else", async () => {
      const res = await call(
        route({ access: "public" }, () => {
          throw new TypeError(
            "Cannot read properties of undefined (reading 'passwordHash') in /srv/app/x.ts",
          );
        }),
      );
      const body = await problem(res, 500, "internal");
      expect(Object.keys(body).sort()).toEqual(["code", "detail", "requestId", "status", "title", "type"]);
      expect(body.detail).toBe(
        `Something went wrong on our side. Quote request id ${body.requestId} when reporting it.`,
      );
      expect(JSON.stringify(body)).not.toMatch(/passwordHash|\/srv|TypeError/);
    });
  });

  describe("rate limit", () => {
    it("allows the limit per minute per caller and route, then answers 429 with Retry-After", async () => {
      let limitedRuns = 0;
      const limited = route({ access: "user", rateLimit: 2 }, () => {
        limitedRuns++;
        return { ok: true };
      });
      const at = (path: string, token: string) => call(limited, { path, token });
      expect((await at("/api/limited", memberToken)).status).toBe(200);
      expect((await at("/api/limited", memberToken)).status).toBe(200);
      const refused = await at("/api/limited", memberToken);
      const body = await problem(refused, 429, "rate-limited");
      expect(body.title).toBe("Too many requests");
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limitedRuns).toBe(2);

      // Another caller, and the same caller on another route, have buckets of their own.
      expect((await at("/api/limited", adminToken)).status).toBe(200);
      expect((await at("/api/limited-too", memberToken)).status).toBe(200);
      expect(limitedRuns).toBe(4);
    });

    it("counts anonymous callers whose address is unknown in one bucket per route", async () => {
      const limited = route({ access: "public", rateLimit: 1 }, () => ({ ok: true }));
      expect((await call(limited, { path: "/api/anonymous" })).status).toBe(200);
      await problem(await call(limited, { path: "/api/anonymous" }), 429, "rate-limited");
    });
  });
});
