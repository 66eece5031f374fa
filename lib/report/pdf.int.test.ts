// The PDF download through its routes on PostgreSQL and PGlite, from an uploaded snapshot: a signed-in
// member and a share-link visitor get the same paper report as an attachment (written on the PDF
// thread); someone outside the team, an unknown share token and a revoked one get 404, nobody signed in
// 401. A secret in the upload never reaches the PDF.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as reportRoute } from "@/app/api/assessments/[id]/report/route";
import { GET as sharedRoute } from "@/app/api/shared/[token]/route";
import { asUser, type SessionUser, type UserPrincipal } from "@/lib/domain/principal";
import { createAssessment } from "@/lib/server/assessments";
import { ensureDefaultChecklist } from "@/lib/server/checklists";
import { createShareLink, revokeShareLink } from "@/lib/server/share-links";
import { createTeam, listTeams, putTeamMember, removeTeamMember } from "@/lib/server/teams";
import { uploadSnapshot } from "@/lib/server/uploads";
import { createSession, createUser } from "@/lib/server/users";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { pdfPages } from "@/lib/testing/pdf-text";

// next/headers' cookies() exists only inside Next's request scope: here it reads the request's cookies.
const nextRequest = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", async () => {
  const { RequestCookies } = await import("next/dist/compiled/@edge-runtime/cookies");
  return { cookies: () => Promise.resolve(new RequestCookies(nextRequest.headers)) };
});

const PASSWORD_IN_URL = "Zq8-very-secret-db-password";
const SECRET_DATA = "c3VwZXItc2VjcmV0LXRva2Vu"; // base64 of "super-secret-token"
const YAML = [
  ...["api", "worker", "web"].map(
    (name) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: app
          image: "shop/${name}:latest"
          env:
            - {name: DATABASE_URL, value: "postgres://app:${PASSWORD_IN_URL}@db:5432/app"}
`,
  ),
  `apiVersion: v1
kind: Secret
metadata: {name: api-token, namespace: shop}
type: Opaque
data: {token: ${SECRET_DATA}}
`,
].join("---\n");

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function get(handler: Handler, path: string, params: Record<string, string>, session?: string) {
  const headers = new Headers();
  if (session) headers.set("cookie", `kr_session=${session}`);
  const req = new Request(`http://localhost:3000${path}`, { headers });
  nextRequest.headers = req.headers;
  return handler(req, { params: Promise.resolve(params) });
}

const kinds = await availableKinds();

describe.each(kinds)("PDF report download on %s", (kind) => {
  let t: TestDatabase;
  let member: UserPrincipal;
  let memberSession: string;
  let outsiderSession: string;
  let id: string;
  let token: string;

  beforeAll(async () => {
    let first: SessionUser;
    ({ t, admin: first } = await setUpAppDatabase(kind));
    const admin = asUser(first);
    await ensureDefaultChecklist(t.database.prisma);
    const teamA = (await createTeam(admin, "Shop")).id;
    const teamB = (await createTeam(admin, "Elsewhere")).id;
    const person = async (email: string, name: string, team: string) => {
      const user = await createUser(admin, { email, name, password: "a long passphrase 42", role: "member" });
      await putTeamMember(admin, team, user.id, "member");
      const fallback = (await listTeams(admin)).find((x) => x.isDefault)!.id;
      await removeTeamMember(admin, fallback, user.id);
      return asUser(user);
    };
    member = await person("member@example.com", "Uploading Ursula", teamA);
    const outsider = await person("outsider@example.com", "Olga Outside", teamB);
    memberSession = (await createSession(member.user.id)).token;
    outsiderSession = (await createSession(outsider.user.id)).token;
    id = (await createAssessment(member, { name: "Shop cluster (Zürich)", teamId: teamA })).id;
    await uploadSnapshot(member, id, [{ name: "shop.yaml", data: new TextEncoder().encode(YAML) }]);
    token = (await createShareLink(member, id, 7, "for the auditors")).token;
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function pdfText(res: Response): Promise<string[]> {
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="shop-cluster-z-rich-report.pdf"',
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    return pdfPages(bytes);
  }

  it("gives a signed-in member the paper report of the latest snapshot, without its secrets", async () => {
    const res = await get(reportRoute, `/api/assessments/${id}/report?format=pdf`, { id }, memberSession);
    const pages = await pdfText(res);
    const all = pages.join("\n");
    expect(pages[0]).toContain("Shop cluster (Zürich)");
    expect(pages[0]).toMatch(/Objects examined\s*4 in shop\.yaml/);
    expect(all).toContain("Action plan");
    expect(all).toContain("Deployment shop/api");
    expect(all).toContain("Appendix");
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    for (const secret of [PASSWORD_IN_URL, SECRET_DATA, "super-secret-token"]) {
      expect(all).not.toContain(secret);
    }
  });

  it("gives a share-link visitor the same report, naming no account", async () => {
    const res = await get(sharedRoute, `/api/shared/${token}?format=pdf`, { token });
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    const all = (await pdfText(res)).join("\n");
    expect(all).toContain("Shop cluster (Zürich)");
    expect(all).toContain("Findings by severity");
    expect(all).not.toContain("Uploading Ursula");
    expect(all).not.toContain(PASSWORD_IN_URL);
  });

  it("answers 404 to outsiders and unknown or revoked links, 401 to nobody signed in", async () => {
    const outsider = await get(
      reportRoute,
      `/api/assessments/${id}/report?format=pdf`,
      { id },
      outsiderSession,
    );
    expect(outsider.status).toBe(404);
    expect(outsider.headers.get("content-type")).not.toBe("application/pdf");
    const anonymous = await get(reportRoute, `/api/assessments/${id}/report?format=pdf`, { id });
    expect(anonymous.status).toBe(401);
    const unknown = "x".repeat(token.length);
    expect((await get(sharedRoute, `/api/shared/${unknown}?format=pdf`, { token: unknown })).status).toBe(
      404,
    );

    const revoked = await createShareLink(member, id, 1, "short-lived");
    await revokeShareLink(member, revoked.id);
    const res = await get(sharedRoute, `/api/shared/${revoked.token}?format=pdf`, { token: revoked.token });
    expect(res.status).toBe(404);
  });

  it("refuses an unknown format with a clear 400", async () => {
    const res = await get(reportRoute, `/api/assessments/${id}/report?format=docx`, { id }, memberSession);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("pdf");
  });
});
