// The data and the identities the access matrix is tried with: two teams, an assessment X in team A
// with a snapshot and a share link, and one request context per identity. Everything is created
// through the API, as an administrator and as the people themselves.
import { randomBytes } from "node:crypto";
import { expect, type APIRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { ADMIN } from "../helpers";

export type Person = "owner" | "teammate" | "maintainer" | "outsider" | "admin";
type Params = Record<string, string>;

export interface Identity {
  name: string;
  /** What the requests carry. A share token travels in the URL; as a credential it is sent too (Bearer and cookie) and must count for nothing. */
  credential: "none" | "session" | "token" | "share";
  /** Whose valid credential this is; null when it is not (or no longer) valid. */
  person: Person | null;
  /** A read-only API token: reads only. */
  readOnly: boolean;
  /** The share token this identity puts in `{token}` (share identities); others use X's live one. */
  shareToken?: { value: string; live: boolean };
  ctx: APIRequestContext;
}

/** A path resource: the one shared by the reads, plus how writes get theirs (see `paramsFor`). */
export interface ResourceKind {
  shared: Params;
  /** Target of writes by identities that must be refused, so a missing check cannot hurt X. */
  victim?: Params;
  /** A throwaway for one allowed write (every write, or only deletes). */
  fresh?: () => Promise<Params>;
  freshFor?: "write" | "delete";
}

export interface World {
  origin: string;
  /** X's unique name; X's team, throwaways and victims all carry it as a prefix. */
  secret: string;
  x: { id: string; teamId: string };
  liveShareToken: string;
  identities: Identity[];
  kinds: Record<string, ResourceKind>;
  bodies: { checkId: string; checklistId: string; rand: string };
  dispose(): Promise<void>;
}

export const SNAPSHOT = JSON.stringify({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: { containers: [{ name: "web", image: "nginx:latest" }] },
    },
  },
});

async function ok<T>(res: APIResponse | Promise<APIResponse>, what: string): Promise<T> {
  const r = await res;
  expect(r.ok(), `${what}: ${r.status()} ${await r.text()}`).toBe(true);
  return (r.status() === 204 ? undefined : await r.json()) as T;
}

export async function buildWorld(request: APIRequest, baseURL: string): Promise<World> {
  const origin = new URL(baseURL).origin;
  const contexts: APIRequestContext[] = [];
  const newContext = async (headers: Record<string, string> = {}, cookie?: string) => {
    const ctx = await request.newContext({
      baseURL,
      maxRedirects: 0,
      extraHTTPHeaders: { origin, ...headers },
      storageState: {
        cookies: cookie
          ? [
              {
                name: "kr_session",
                value: cookie,
                domain: new URL(baseURL).hostname,
                path: "/",
                expires: -1,
                httpOnly: true,
                secure: false,
                sameSite: "Lax",
              },
            ]
          : [],
        origins: [],
      },
    });
    contexts.push(ctx);
    return ctx;
  };
  const post = <T>(ctx: APIRequestContext, url: string, data: unknown, what = `POST ${url}`) =>
    ok<T>(ctx.post(url, { data }), what);

  const rand = randomBytes(4).toString("hex");
  const secret = `Matrix-${rand}`;
  const password = `matrix ${rand} correct horse battery`;

  // The administrator: created by 01-journey's first-run setup, or here when this spec runs alone.
  const admin = await newContext();
  const setup = await admin.post("/api/setup", { data: ADMIN });
  if (setup.status() !== 201) await ok(admin.post("/api/auth/login", { data: ADMIN }), "admin sign-in");

  let counter = 0;
  const next = () => ++counter;
  // Team A's people carry the secret in their names too, so their names are also searched for.
  const createUser = async (label: string, inTeamA = false) =>
    (
      await post<{ user: { id: string } }>(admin, "/api/admin/users", {
        name: `${label} ${inTeamA ? secret : rand}`,
        email: `matrix-${label.toLowerCase().replace(/\W+/g, "-")}-${rand}@example.com`,
        password,
      })
    ).user;
  const createTeam = async (name: string) =>
    (await post<{ team: { id: string } }>(admin, "/api/admin/teams", { name })).team.id;
  const putMember = (teamId: string, userId: string, role: "member" | "maintainer") =>
    ok(admin.put(`/api/admin/teams/${teamId}/members/${userId}`, { data: { role } }), "add member");
  const signIn = async (email: string) => {
    const ctx = await newContext();
    await ok(ctx.post("/api/auth/login", { data: { email, password } }), `sign in ${email}`);
    return ctx;
  };
  const emailOf = (label: string) => `matrix-${label.toLowerCase()}-${rand}@example.com`;

  const [teamA, teamB, victimTeam] = await Promise.all([
    createTeam(`${secret}-team`),
    // Not prefixed with the secret: its members may see its name.
    createTeam(`Elsewhere ${rand}`),
    // Outsiders belong to it (refused member removals aim there), so it carries no secret either.
    createTeam(`Victim team ${rand}`),
  ]);
  const labels = ["Owner", "Teammate", "Maintainer", "Outsider", "Deactivated", "Victim"] as const;
  const [owner, teammate, maintainer, outsider, deactivated, victimUser] = await Promise.all(
    labels.map((l) => createUser(l, !["Outsider", "Victim"].includes(l))),
  );
  await Promise.all([
    putMember(teamA, owner!.id, "member"),
    putMember(teamA, teammate!.id, "member"),
    putMember(teamA, maintainer!.id, "maintainer"),
    // A member of team A: if deactivation were ignored, its session and token would see X.
    putMember(teamA, deactivated!.id, "member"),
    putMember(teamB, outsider!.id, "member"),
    putMember(victimTeam, outsider!.id, "member"),
  ]);
  const [ownerCtx, teammateCtx, maintainerCtx, outsiderCtx, deactivatedCtx] = await Promise.all(
    ["Owner", "Teammate", "Maintainer", "Outsider", "Deactivated"].map((l) => signIn(emailOf(l))),
  );

  // X, its victim twin (writes that must be refused aim there) and their snapshots.
  const createAssessment = async (name: string) =>
    (await post<{ assessment: { id: string } }>(ownerCtx!, "/api/assessments", { name, teamId: teamA }))
      .assessment.id;
  const jobs = new Map<string, string>();
  const upload = async (assessmentId: string) => {
    const { job } = await ok<{ job: { id: string } }>(
      ownerCtx!.post(`/api/assessments/${assessmentId}/snapshots?filename=matrix.json&wait=1`, {
        headers: { "content-type": "application/json" },
        data: SNAPSHOT,
      }),
      "upload snapshot",
    );
    jobs.set(assessmentId, job.id);
    const { snapshots } = await ok<{ snapshots: { id: string }[] }>(
      ownerCtx!.get(`/api/assessments/${assessmentId}/snapshots`),
      "list snapshots",
    );
    return snapshots[0]!.id;
  };
  const [xId, victimId] = await Promise.all([createAssessment(secret), createAssessment(`${secret}-victim`)]);
  const [, victimSnapshot] = await Promise.all([upload(xId), upload(victimId)]);

  const createLink = async () =>
    (
      await post<{ link: { id: string; url: string } }>(ownerCtx!, `/api/assessments/${xId}/share-links`, {
        expiresInDays: null,
      })
    ).link;
  const [live, revoked, victimLink] = await Promise.all([createLink(), createLink(), createLink()]);
  await ok(ownerCtx!.delete(`/api/share-links/${revoked.id}`), "revoke share link");
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

  const createToken = (ctx: APIRequestContext, scope: "read" | "write", expiresAt: string | null = null) =>
    post<{ id: string; token: string }>(ctx, "/api/tokens", {
      name: `${secret} token ${next()}`,
      scope,
      expiresAt,
    });
  const expiry = Date.now() + 3_000;
  const [readOnly, revokedToken, expired, deactivatedToken, ownerVictimToken] = await Promise.all([
    createToken(teammateCtx!, "read"),
    createToken(teammateCtx!, "write"),
    createToken(teammateCtx!, "write", new Date(expiry).toISOString()),
    createToken(deactivatedCtx!, "write"),
    createToken(ownerCtx!, "write"),
  ]);
  await ok(teammateCtx!.delete(`/api/tokens/${revokedToken.id}`), "revoke token");
  await ok(admin.patch(`/api/admin/users/${deactivated!.id}`, { data: { active: false } }), "deactivate");

  const ownerSession = async () => {
    const ctx = await signIn(emailOf("Owner"));
    const { sessions } = await ok<{ sessions: { publicId: string; current: boolean }[] }>(
      ctx.get("/api/me/sessions"),
      "list sessions",
    );
    return sessions.find((s) => s.current)!.publicId;
  };
  const victimSession = await ownerSession();

  // Checklists: a matrix-only one whose draft and item the admin routes are tried on.
  const [{ checks }, { checklists: published }] = await Promise.all([
    ok<{ checks: { id: string }[] }>(admin.get("/api/checks"), "checks"),
    ok<{ checklists: { id: string }[] }>(admin.get("/api/checklists"), "checklists"),
  ]);
  const createChecklist = async () => {
    const n = next();
    const { checklist } = await post<{ checklist: { id: string; versions: { id: string }[] } }>(
      admin,
      "/api/admin/checklists",
      { name: `Matrix checklist ${rand} ${n}`, slug: `matrix-${rand}-${n}` },
    );
    return { checklistId: checklist.id, versionId: checklist.versions[0]!.id };
  };
  const createItem = async (versionId: string) =>
    (
      await post<{ item: { id: string } }>(admin, `/api/admin/checklist-versions/${versionId}/items`, {
        kind: "manual",
        key: `matrix-item-${next()}`,
        title: "Matrix item",
        category: "reliability",
        severity: "low",
        rationale: "Tried by the access matrix.",
        remediation: "None needed.",
        question: "Is this a matrix item?",
      })
    ).item.id;
  const createExemption = async () =>
    (
      await post<{ exemption: { id: string } }>(admin, "/api/admin/exemptions", {
        checkId: checks[0]!.id,
        namespacePattern: `matrix-${rand}-${next()}`,
        reason: "Tried by the access matrix.",
      })
    ).exemption.id;
  const [sharedChecklist, victimChecklist, victimExemption] = await Promise.all([
    createChecklist(),
    createChecklist(),
    createExemption(),
  ]);
  const [sharedItem, victimItem] = await Promise.all([
    createItem(sharedChecklist.versionId),
    createItem(victimChecklist.versionId),
  ]);

  // Only now, so the seeding above used up most of the 3 s. Waited for by the server's clock (its Date
  // header), not by what the token gets: that is for the matrix to judge.
  await expect
    .poll(async () => Date.parse((await admin.get("/api/health")).headers().date ?? ""))
    .toBeGreaterThan(expiry + 1_000);

  const kinds: Record<string, ResourceKind> = {
    assessment: {
      shared: { id: xId },
      victim: { id: victimId },
      fresh: async () => ({ id: await createAssessment(`${secret}-tmp-${next()}`) }),
      freshFor: "delete",
    },
    shareLink: {
      shared: { id: victimLink.id },
      victim: { id: victimLink.id },
      fresh: async () => ({ id: (await createLink()).id }),
      freshFor: "delete",
    },
    // The job that analysed X's upload: readable like X itself.
    job: {
      shared: { id: jobs.get(xId)! },
      victim: { id: jobs.get(xId)! },
      fresh: () => Promise.resolve({ id: jobs.get(xId)! }),
      freshFor: "delete",
    },
    snapshot: {
      shared: { id: victimSnapshot },
      victim: { id: victimSnapshot },
      fresh: async () => ({ id: await upload(await createAssessment(`${secret}-tmp-${next()}`)) }),
      freshFor: "delete",
    },
    token: {
      shared: { id: ownerVictimToken.id },
      victim: { id: ownerVictimToken.id },
      fresh: async () => ({ id: (await createToken(ownerCtx!, "write")).id }),
      freshFor: "delete",
    },
    session: {
      shared: { id: victimSession },
      victim: { id: victimSession },
      fresh: async () => ({ id: await ownerSession() }),
      freshFor: "delete",
    },
    user: {
      shared: { id: teammate!.id },
      victim: { id: victimUser!.id },
      fresh: async () => ({ id: (await createUser(`Fresh ${next()}`)).id }),
      freshFor: "write",
    },
    team: {
      shared: { id: teamA },
      victim: { id: victimTeam },
      fresh: async () => ({ id: await createTeam(`Matrix fresh team ${rand} ${next()}`) }),
      freshFor: "write",
    },
    member: {
      shared: { id: teamA, userId: teammate!.id },
      victim: { id: victimTeam, userId: outsider!.id },
      fresh: async () => {
        const id = await createTeam(`Matrix fresh team ${rand} ${next()}`);
        await putMember(id, outsider!.id, "member");
        return { id, userId: outsider!.id };
      },
      freshFor: "write",
    },
    exemption: {
      shared: { id: victimExemption },
      victim: { id: victimExemption },
      fresh: async () => ({ id: await createExemption() }),
      freshFor: "delete",
    },
    checklist: { shared: { id: sharedChecklist.checklistId } },
    // A check and an object of X's snapshot (SNAPSHOT's Deployment shop/web): the check and object pages.
    assessmentPart: {
      shared: { id: xId, checkId: "readiness-probe", kind: "Deployment", namespace: "shop", name: "web" },
    },
    version: {
      shared: { versionId: sharedChecklist.versionId },
      victim: { versionId: victimChecklist.versionId },
      fresh: async () => ({ versionId: (await createChecklist()).versionId }),
      freshFor: "write",
    },
    item: {
      shared: { versionId: sharedChecklist.versionId, itemId: sharedItem },
      victim: { versionId: victimChecklist.versionId, itemId: victimItem },
      fresh: async () => {
        const { versionId } = await createChecklist();
        return { versionId, itemId: await createItem(versionId) };
      },
      freshFor: "write",
    },
  };

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const shareCredential = async (token: string) => newContext(bearer(token), token);
  const identities: Identity[] = [
    { name: "anonymous", credential: "none", person: null, readOnly: false, ctx: await newContext() },
    { name: "outsider", credential: "session", person: "outsider", readOnly: false, ctx: outsiderCtx! },
    { name: "teammate", credential: "session", person: "teammate", readOnly: false, ctx: teammateCtx! },
    { name: "maintainer", credential: "session", person: "maintainer", readOnly: false, ctx: maintainerCtx! },
    { name: "owner", credential: "session", person: "owner", readOnly: false, ctx: ownerCtx! },
    { name: "admin", credential: "session", person: "admin", readOnly: false, ctx: admin },
    {
      name: "deactivated-session",
      credential: "session",
      person: null,
      readOnly: false,
      ctx: deactivatedCtx!,
    },
    {
      name: "deactivated-token",
      credential: "token",
      person: null,
      readOnly: false,
      ctx: await newContext(bearer(deactivatedToken.token)),
    },
    {
      name: "revoked-token",
      credential: "token",
      person: null,
      readOnly: false,
      ctx: await newContext(bearer(revokedToken.token)),
    },
    {
      name: "expired-token",
      credential: "token",
      person: null,
      readOnly: false,
      ctx: await newContext(bearer(expired.token)),
    },
    {
      name: "read-only-token",
      credential: "token",
      person: "teammate",
      readOnly: true,
      ctx: await newContext(bearer(readOnly.token)),
    },
    {
      name: "share-token",
      credential: "share",
      person: null,
      readOnly: false,
      shareToken: { value: tokenOf(live.url), live: true },
      ctx: await shareCredential(tokenOf(live.url)),
    },
    {
      name: "revoked-share-token",
      credential: "share",
      person: null,
      readOnly: false,
      shareToken: { value: tokenOf(revoked.url), live: false },
      ctx: await shareCredential(tokenOf(revoked.url)),
    },
  ];

  return {
    origin,
    secret,
    x: { id: xId, teamId: teamA },
    liveShareToken: tokenOf(live.url),
    identities,
    kinds,
    bodies: { checkId: checks[0]!.id, checklistId: published[0]!.id, rand },
    dispose: async () => {
      await Promise.all(contexts.map((c) => c.dispose()));
    },
  };
}
