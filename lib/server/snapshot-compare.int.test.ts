// Snapshots over time, on PostgreSQL and PGlite: naming, the baseline mark (one per assessment,
// audited), and comparing two snapshots — score deltas and failing objects new / fixed / still open.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { SMALL_APP_YAML } from "@/lib/engine/testing";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment } from "./assessments";
import { ensureDefaultChecklist } from "./checklists";
import { compareSnapshots } from "./snapshot-compare";
import { listSnapshots, updateSnapshot } from "./snapshots";
import { uploadSnapshot } from "./uploads";

// Later: web gets its probes, a new Deployment "cart" has none.
const LATER_YAML = SMALL_APP_YAML.replace(
  "ports: [{containerPort: 8080}]}]",
  `ports: [{containerPort: 8080}], readinessProbe: {httpGet: {path: /ready, port: 8080}}, livenessProbe: {httpGet: {path: /live, port: 8080}}}]`,
).concat(`---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart}}
    spec:
      containers: [{name: cart, image: "shop/cart:2.1.0"}]
`);

const kinds = await availableKinds();
const bytes = (s: string) => new TextEncoder().encode(s);

describe.each(kinds)("snapshots over time on %s", (kind) => {
  let t: TestDatabase;
  let A: UserPrincipal;
  let assessmentId: string;
  let before: string;
  let after: string;

  beforeAll(async () => {
    let admin;
    ({ t, admin } = await setUpAppDatabase(kind));
    A = asUser(admin);
    await ensureDefaultChecklist(t.database.prisma);
    assessmentId = (await createAssessment(A, { name: "Over time" })).id;
    await uploadSnapshot(A, assessmentId, [{ name: "october.yaml", data: bytes(SMALL_APP_YAML) }]);
    await uploadSnapshot(A, assessmentId, [{ name: "november.yaml", data: bytes(LATER_YAML) }]);
    const list = await listSnapshots(A, assessmentId);
    [after, before] = list.map((s) => s.id) as [string, string];
  });
  afterAll(async () => {
    await t.drop();
  });

  it("renames a snapshot, and an empty name goes back to the file name", async () => {
    expect((await updateSnapshot(A, before, { name: "  October  " })).name).toBe("October");
    expect((await listSnapshots(A, assessmentId)).find((s) => s.id === before)?.name).toBe("October");
    expect((await updateSnapshot(A, after, { name: "" })).name).toBeNull();
  });

  it("keeps one baseline per assessment, and audits each change", async () => {
    await updateSnapshot(A, before, { baseline: true });
    await updateSnapshot(A, after, { baseline: true });
    const list = await listSnapshots(A, assessmentId);
    expect(list.filter((s) => s.baseline).map((s) => s.id)).toEqual([after]);
    const audit = await t.database.prisma.auditEvent.findMany({
      where: { action: "snapshot.update", entityId: { in: [before, after] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((e) => e.summary)).toEqual([
      'Snapshot october.yaml renamed to "October"',
      "Snapshot October marked as baseline",
      "Snapshot november.yaml marked as baseline",
    ]);
  });

  it("refuses read-only tokens and people outside the team", async () => {
    await expect(updateSnapshot({ ...A, scope: "read" }, before, { name: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(updateSnapshot(A, crypto.randomUUID(), { name: "x" })).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("compares two snapshots: fixed probes on web, new failures on cart, objects counted once", async () => {
    const c = await compareSnapshots(A, assessmentId, before, after);
    expect(c.from).toMatchObject({ id: before, name: "October", objectCount: 3 });
    expect(c.to).toMatchObject({ id: after, filename: "november.yaml", objectCount: 4 });
    expect(c.partial).toBe(false);
    const probe = c.findings.byCheck.find((x) => x.checkId === "readiness-probe");
    expect(probe).toMatchObject({ new: 1, fixed: 1, open: 0 });
    expect(probe?.newObjects.map((o) => o.name)).toEqual(["cart"]);
    expect(probe?.fixedObjects.map((o) => o.name)).toEqual(["web"]);
    expect(c.findings.byNamespace.find((n) => n.namespace === "shop")?.new).toBeGreaterThan(0);
    expect(c.categories.map((x) => x.category)).toContain("reliability");
    if (c.from.score !== null && c.to.score !== null) expect(c.scoreDelta).toBe(c.to.score - c.from.score);
  });

  it("says what is wrong with a comparison of a snapshot with itself or of another assessment's", async () => {
    await expect(compareSnapshots(A, assessmentId, before, before)).rejects.toMatchObject({
      code: "validation",
    });
    const other = (await createAssessment(A, { name: "Other" })).id;
    await expect(compareSnapshots(A, other, before, after)).rejects.toMatchObject({ code: "not-found" });
  });
});
