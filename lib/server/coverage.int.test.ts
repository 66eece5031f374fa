// Coverage-aware scores end to end, on PostgreSQL and PGlite: a snapshot of a few NetworkPolicies gives
// "insufficient data" on the readiness, the dashboard cache, saved reports and the report DTO, never an
// A; a new assessment's report gives no verdict until enough core questions are answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { INSUFFICIENT_GRADE } from "@/lib/engine/checklist/score";
import { SMALL_APP_YAML as app, networkPoliciesYaml } from "@/lib/engine/testing";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { authorizeAssessment } from "./access";
import { createAssessment, getAnswers, getAssessment, saveAnswers } from "./assessments";
import { ensureDefaultChecklist } from "./checklists";
import { buildReport } from "./reports";
import { listReports, readinessFor } from "./scoring";
import { uploadSnapshot } from "./uploads";
import type { SessionUser } from "./users";

const policies = networkPoliciesYaml(13);

const kinds = await availableKinds();

describe.each(kinds)("coverage-aware scores on %s", (kind) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let A: UserPrincipal;

  beforeAll(async () => {
    ({ t, admin } = await setUpAppDatabase(kind));
    A = asUser(admin);
    await ensureDefaultChecklist(t.database.prisma);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("gives a new assessment no verdict and no grade", async () => {
    const a = await createAssessment(A, { name: "Fresh" });
    const report = await buildReport(A, a.id);
    expect(report.needKubernetes).toMatchObject({
      verdict: "insufficient-answers",
      recommendation: null,
      coverage: { known: 0, total: 16, minimum: 8 },
    });
    expect(report.needKubernetes.toVerdict.length).toBeGreaterThan(0);
    expect(report.readiness?.grade).toBeNull();
    expect(report.readiness?.coverage).toMatchObject({ sufficient: false, objectsExamined: null });
  });

  it("says 'insufficient data', not A, for a snapshot of 13 NetworkPolicies", async () => {
    const a = await createAssessment(A, { name: "Policies only" });
    await uploadSnapshot(A, a.id, [{ name: "policies.yaml", data: new TextEncoder().encode(policies) }]);

    const readiness = await readinessFor(await authorizeAssessment(A, a.id, "read"));
    expect(readiness.score?.grade).toBeNull();
    expect(readiness.score?.coverage).toMatchObject({
      sufficient: false,
      objectsExamined: 13,
      workloads: 0,
    });
    expect(readiness.score?.coverage.reasons.join(" ")).toMatch(/no workloads/);
    expect(readiness.score?.items.find((i) => i.key === "network-policy-targets-pods")?.status).toBe(
      "vacuous",
    );

    const summary = await getAssessment(A, a.id);
    expect(summary.readinessGrade).toBe(INSUFFICIENT_GRADE);
    const [saved] = await listReports(await authorizeAssessment(A, a.id, "read"));
    expect(saved?.grade).toBe(INSUFFICIENT_GRADE);
    const report = await buildReport(A, a.id);
    expect(report.readiness?.grade).toBeNull();
    expect(report.readiness?.coverage.sufficient).toBe(false);
  });

  it("grades a snapshot with a workload, and gives a verdict once enough is answered", async () => {
    const a = await createAssessment(A, { name: "Small app" });
    await uploadSnapshot(A, a.id, [{ name: "app.yaml", data: new TextEncoder().encode(app) }]);
    const summary = await getAssessment(A, a.id);
    expect(summary.readinessGrade).toMatch(/^[A-F]$/);
    expect((await buildReport(A, a.id)).readiness?.coverage.sufficient).toBe(true);

    // Manifests have no nodes, but their workload count stands in for "services": 6 known, then 8.
    const { version } = await getAnswers(A, a.id);
    await saveAnswers(A, a.id, version, {
      production_hosts: 2,
      containerized: "all",
      deploys_per_week: 5,
      needs_autoscaling: false,
      needs_high_availability: false,
    });
    expect((await buildReport(A, a.id)).needKubernetes.coverage.known).toBe(6);
    expect((await getAssessment(A, a.id)).needVerdict).toBe("insufficient-answers");
    const again = await getAnswers(A, a.id);
    await saveAnswers(A, a.id, again.version, { needs_scheduled_jobs: false, services_multi_host: 0 });
    expect((await getAssessment(A, a.id)).needVerdict).toBe("not-needed");
    expect((await buildReport(A, a.id)).needKubernetes.recommendation).toBe("compose-and-config-management");
  });
});
