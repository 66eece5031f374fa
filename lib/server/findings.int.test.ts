// The findings explorer on PostgreSQL and PGlite: one row per failing object per check of the latest
// snapshot, as many as the report counts, filtered, sorted, searched and paginated on the server; a
// read-only token reads it, someone outside the team gets 404 even for a malformed query.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type SessionUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment } from "./assessments";
import { ensureDefaultChecklist } from "./checklists";
import { listFindings } from "./findings";
import { buildReport } from "./reports";
import { createTeam, listTeams, putTeamMember, removeTeamMember } from "./teams";
import { uploadSnapshot } from "./uploads";
import { createApiToken, createUser, findTokenPrincipal } from "./users";

const NAMESPACES = ["shop", "search", "billing"];
/** 3 namespaces × 7 Deployments, each with two containers, no probes, limits or pinned digests. */
const YAML = NAMESPACES.flatMap((ns) =>
  ["api-0", "api-1", "api-2", "api-3", "worker-0", "worker-1", "worker-2"].map(
    (name) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - {name: app, image: "shop/${name}:latest"}
        - {name: proxy, image: "envoyproxy/envoy:latest"}
`,
  ),
).join("---\n");

const kinds = await availableKinds();

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );
}

describe.each(kinds)("findings explorer on %s", (kind) => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let member: UserPrincipal;
  let outsider: UserPrincipal;
  let id: string;

  beforeAll(async () => {
    let first: SessionUser;
    ({ t, admin: first } = await setUpAppDatabase(kind));
    admin = asUser(first);
    await ensureDefaultChecklist(t.database.prisma);
    const teamA = (await createTeam(admin, "Shop")).id;
    const teamB = (await createTeam(admin, "Elsewhere")).id;
    const person = async (email: string, team: string) => {
      const user = await createUser(admin, {
        email,
        name: email,
        password: "a long passphrase 42",
        role: "member",
      });
      await putTeamMember(admin, team, user.id, "member");
      const fallback = (await listTeams(admin)).find((x) => x.isDefault)!.id;
      await removeTeamMember(admin, fallback, user.id);
      return asUser(user);
    };
    member = await person("member@example.com", teamA);
    outsider = await person("outsider@example.com", teamB);
    id = (await createAssessment(member, { name: "Shop cluster", teamId: teamA })).id;
    await uploadSnapshot(member, id, [{ name: "shop.yaml", data: new TextEncoder().encode(YAML) }]);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("counts failing objects per check as the report does, one row per object with its containers", async () => {
    const report = await buildReport(member, id);
    const all = await listFindings(member, id, {});
    expect(report.findings.length).toBeGreaterThan(2);
    // Every check on the checklist with failing objects, with the report's object count and severity.
    const failing = all.checks.filter((c) => c.failing > 0);
    expect(failing.map((c) => [c.checkId, c.failing, c.severity]).sort()).toEqual(
      report.findings.map((f) => [f.checkId, f.affectedCount, f.severity]).sort(),
    );
    expect(all.total).toBe(report.findings.reduce((n, f) => n + f.affectedCount, 0));
    // A check about containers still lists each Deployment once, naming both containers.
    const perContainer = await listFindings(member, id, { check: failing[0]!.checkId, pageSize: "200" });
    const rows = perContainer.rows.filter((r) => r.containers.length > 0);
    if (rows.length > 0) expect(rows.some((r) => r.containers.length === 2)).toBe(true);
    const keys = perContainer.rows.map((r) => `${r.kind}/${r.namespace}/${r.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(perContainer.total).toBe(failing[0]!.failing);
  });

  it("filters by severity, category, check, namespace, kind and searches names", async () => {
    const all = await listFindings(member, id, { pageSize: "200" });
    const sumBySeverity = Object.values(all.severities).reduce((a, b) => a + b, 0);
    expect(sumBySeverity).toBe(all.total);
    const [severity] = Object.entries(all.severities).find(([, n]) => n > 0)!;
    const bySeverity = await listFindings(member, id, { severity, pageSize: "200" });
    expect(bySeverity.total).toBe(all.severities[severity as keyof typeof all.severities]);
    expect(bySeverity.rows.every((r) => r.severity === severity)).toBe(true);

    const search = await listFindings(member, id, { namespace: "search", pageSize: "200" });
    expect(search.total).toBeGreaterThan(0);
    expect(search.total).toBeLessThan(all.total);
    expect(search.rows.every((r) => r.namespace === "search")).toBe(true);
    // Groups count objects once (7 Deployments), rows are objects × checks.
    expect(search.groups).toEqual([
      expect.objectContaining({ key: "search", namespace: "search", objects: 7, rows: search.total }),
    ]);
    expect(all.groups.find((g) => g.namespace === "search")?.objects).toBe(7);

    const workers = await listFindings(member, id, { q: "WORKER-1", namespace: "billing", pageSize: "200" });
    expect(workers.total).toBeGreaterThan(0);
    expect(workers.rows.every((r) => r.name === "worker-1" && r.namespace === "billing")).toBe(true);

    const category = all.rows[0]!.category;
    const byCategory = await listFindings(member, id, { category, kind: "Deployment", pageSize: "200" });
    expect(byCategory.rows.every((r) => r.category === category && r.kind === "Deployment")).toBe(true);
    expect(await listFindings(member, id, { q: "no-such-object" })).toMatchObject({ total: 0, rows: [] });
  });

  it("sorts and paginates on the server", async () => {
    const first = await listFindings(member, id, { sort: "name", pageSize: "7" });
    const second = await listFindings(member, id, { sort: "name", pageSize: "7", page: "2" });
    expect(first.rows).toHaveLength(7);
    expect(first.pages).toBe(Math.ceil(first.total / 7));
    const names = [...first.rows, ...second.rows].map((r) => r.name);
    expect(names).toEqual([...names].sort());
    const everything: string[] = [];
    for (let page = 1; page <= first.pages; page++) {
      const p = await listFindings(member, id, {
        sort: "namespace",
        dir: "desc",
        pageSize: "7",
        page: String(page),
      });
      everything.push(...p.rows.map((r) => `${r.checkId} ${r.namespace} ${r.name}`));
    }
    expect(new Set(everything).size).toBe(first.total);
    const namespaces = everything.map((e) => e.split(" ")[1]);
    expect(namespaces).toEqual([...namespaces].sort().reverse());

    const bySeverity = await listFindings(member, id, { pageSize: "200" });
    const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
    const ranks = bySeverity.rows.map((r) => rank[r.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(await code(listFindings(member, id, { pageSize: "500" }))).toBe("validation");
    expect(await code(listFindings(member, id, { sort: "colour" }))).toBe("validation");
  });

  it("lets a read-only token read and answers outsiders 404, even for a malformed query", async () => {
    const token = await createApiToken(member, { name: "dashboards", scope: "read", expiresAt: null });
    const readOnly = (await findTokenPrincipal(token.token))!;
    expect((await listFindings(readOnly, id, {})).total).toBeGreaterThan(0);
    expect(await code(listFindings(outsider, id, {}))).toBe("not-found");
    expect(await code(listFindings(outsider, id, { pageSize: "500" }))).toBe("not-found");
  });
});
