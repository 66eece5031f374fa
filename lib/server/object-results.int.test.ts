// Exempt and passing objects, owners, check pages and object pages on PostgreSQL and PGlite: exempt rows
// say which exemption (admin or annotation), passing rows are listed although no passing result is
// stored, a crash-looping Pod groups under the Deployment that owns its ReplicaSet, and outsiders get 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type SessionUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { longestEventLoopGap } from "@/lib/testing/event-loop";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment } from "./assessments";
import { ensureDefaultChecklist } from "./checklists";
import { createExemption } from "./exemptions";
import { listFindings } from "./findings";
import { checkObjects, objectResults } from "./object-results";
import { createTeam, listTeams, putTeamMember, removeTeamMember } from "./teams";
import { uploadSnapshot } from "./uploads";
import { createUser } from "./users";

const deployment = (name: string, ns: string, extra = "", container = "") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}, uid: uid-${name}, resourceVersion: "1"${extra}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - {name: app, image: "shop/${name}:1.0", ports: [{containerPort: 8080}]${container}}
`;

/** A live dump: web (its ReplicaSet and a crash-looping Pod), an annotated and a probed Deployment. */
const YAML = [
  deployment("web", "shop"),
  `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-5d8f
  namespace: shop
  uid: uid-web-rs
  resourceVersion: "2"
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: uid-web, controller: true}]
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: "shop/web:1.0"}]}
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: web-5d8f-x1
  namespace: shop
  resourceVersion: "3"
  labels: {app: web}
  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-5d8f, uid: uid-web-rs, controller: true}]
spec: {containers: [{name: app, image: "shop/web:1.0"}]}
status:
  phase: Running
  containerStatuses: [{name: app, restartCount: 9, state: {waiting: {reason: CrashLoopBackOff}}}]
`,
  deployment(
    "legacy",
    "shop",
    `, annotations: {kubeready.io/exempt: readiness-probe, kubeready.io/exempt-reason: "retired next quarter"}`,
  ),
  deployment("probed", "shop", "", ", readinessProbe: {tcpSocket: {port: 8080}}"),
  deployment("batch", "jobs"),
].join("---\n");

const kinds = await availableKinds();

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );
}

describe.each(kinds)("object results on %s", (kind) => {
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
    await createExemption(admin, {
      checkId: "readiness-probe",
      concern: null,
      namespacePattern: "jobs",
      namePattern: "*",
      reason: "batch namespace, no traffic",
      expiresAt: null,
    });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("lists exempt objects with their exemption, and passing objects, by status", async () => {
    const exempt = await listFindings(member, id, { status: "exempt", check: "readiness-probe" });
    expect(exempt.rows.map((r) => [r.name, r.status, r.exemptions])).toEqual(
      expect.arrayContaining([
        ["legacy", "exempt", [{ reason: "retired next quarter", source: "annotation" }]],
        ["batch", "exempt", [{ reason: "batch namespace, no traffic", source: "admin exemption" }]],
      ]),
    );
    expect(exempt.total).toBe(2);
    const pass = await listFindings(member, id, { status: "pass", check: "readiness-probe" });
    expect(pass.rows.map((r) => r.name)).toEqual(["probed"]);
    const fail = await listFindings(member, id, { status: "fail", check: "readiness-probe" });
    expect(fail.rows.map((r) => r.name)).toEqual(["web"]);
  });

  it("groups by owning workload, counting each object once", async () => {
    const page = await listFindings(member, id, { group: "owner", namespace: "shop" });
    const web = page.groups.find((g) => g.key === "Deployment/shop/web");
    // The Pod's crash loop (pod-health) lands under the Deployment that owns its ReplicaSet.
    expect(page.rows.some((r) => r.kind === "Pod" && r.group === "Deployment/shop/web")).toBe(true);
    // web fails several checks (rows) but is two objects: the Deployment and its Pod.
    expect(web?.objects).toBe(2);
    expect(web!.rows).toBeGreaterThan(2);
    const owned = await listFindings(member, id, { owner: "Deployment/shop/web", pageSize: 200 });
    expect(owned.total).toBe(web!.rows);
    const byNamespace = await listFindings(member, id, { group: "namespace" });
    // shop: web, its Pod, legacy and probed (each fails something), counted once each.
    expect(byNamespace.groups.find((g) => g.key === "shop")?.objects).toBe(4);
  });

  it("gives a check page: rationale, params in effect, objects by status, paginated", async () => {
    const page = await checkObjects(member, id, "readiness-probe", { status: "exempt", pageSize: 1 });
    expect(page.check.rationale).toMatch(/\w/);
    expect(page.counts).toEqual({ fail: 1, exempt: 2, pass: 1 });
    expect(page.total).toBe(2);
    expect(page.pages).toBe(2);
    expect(page.rows).toHaveLength(1);
    const single = await checkObjects(member, id, "single-replica", {});
    expect(single.check.params.length).toBeGreaterThan(0);
    await expect(code(checkObjects(member, id, "no-such-check", {}))).resolves.toBe("not-found");
    await expect(code(checkObjects(member, id, "readiness-probe", { status: "bogus" }))).resolves.toBe(
      "validation",
    );
  });

  it("gives an object page: every result, its owner and patches that name it", async () => {
    const page = await objectResults(member, id, { kind: "Deployment", namespace: "shop", name: "web" });
    expect(page.owner).toEqual({ kind: "Deployment", namespace: "shop", name: "web" });
    expect(page.counts.fail).toBeGreaterThan(0);
    expect(page.counts.pass).toBeGreaterThan(0);
    expect(page.results.find((r) => r.checkId === "readiness-probe")?.status).toBe("fail");
    const probe = page.patches.find((p) => p.checkId === "readiness-probe");
    expect(probe?.command).toContain("kubectl patch deployment web -n shop --type strategic");
    const pod = await objectResults(member, id, { kind: "Pod", namespace: "shop", name: "web-5d8f-x1" });
    expect(pod.owner).toEqual({ kind: "Deployment", namespace: "shop", name: "web" });
    expect(pod.patches).toEqual([]);
    await expect(
      code(objectResults(member, id, { kind: "Deployment", namespace: "shop", name: "nope" })),
    ).resolves.toBe("not-found");
  });

  it("answers outsiders 404 before reading their query", async () => {
    await expect(code(checkObjects(outsider, id, "readiness-probe", { status: "bogus" }))).resolves.toBe(
      "not-found",
    );
    await expect(
      code(objectResults(outsider, id, { kind: "Deployment", namespace: "shop", name: "web" })),
    ).resolves.toBe("not-found");
    await expect(code(listFindings(outsider, id, { status: "pass" }))).resolves.toBe("not-found");
  });
});

describe(`object results of a large snapshot on ${kinds[0]}`, () => {
  let t: TestDatabase;
  let member: UserPrincipal;
  let id: string;
  const COUNT = 4000;

  beforeAll(async () => {
    let first: SessionUser;
    ({ t, admin: first } = await setUpAppDatabase(kinds[0]!));
    member = asUser(first);
    id = (await createAssessment(member, { name: "Large" })).id;
    const yaml = Array.from({ length: COUNT }, (_, i) => deployment(`app-${i}`, `team-${i % 40}`)).join(
      "---\n",
    );
    await uploadSnapshot(member, id, [{ name: "large.yaml", data: new TextEncoder().encode(yaml) }]);
  }, 180_000);
  afterAll(async () => {
    await t.drop();
  });

  it(
    "keeps the event loop free while every check is evaluated for an object page",
    { timeout: 120_000 },
    async () => {
      // The first question: the results thread unpacks 4,000 objects and evaluates every check.
      const {
        result: page,
        elapsed,
        longest,
      } = await longestEventLoopGap(() =>
        objectResults(member, id, { kind: "Deployment", namespace: "team-7", name: "app-7" }),
      );
      expect(page.results.find((r) => r.checkId === "readiness-probe")?.status).toBe("fail");
      const failing = await checkObjects(member, id, "readiness-probe", { status: "fail", pageSize: 200 });
      expect(failing.counts.fail).toBe(COUNT);
      expect(failing.rows).toHaveLength(200);
      expect(failing.rows[0]).toMatchObject({ namespace: "team-0", owner: { kind: "Deployment" } });
      // Evaluated here, the event loop would stall for the whole evaluation; on the thread it keeps ticking.
      console.info(
        `object page of ${COUNT} objects: ${elapsed.toFixed(0)} ms; longest event-loop gap ${longest.toFixed(0)} ms`,
      );
      expect(longest).toBeLessThan(Math.max(100, elapsed / 2));
    },
  );
});
