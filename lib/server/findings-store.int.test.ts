// Findings are stored twice: compact in the analysis (pages, scoring) and whole, gzipped (exports).
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { AFFECTED_KEPT, type StoredAnalysis } from "@/lib/engine/worker/analysis-task";
import { findingsToCsv } from "@/lib/report/export";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList } from "@/lib/testing/queue-fixtures";
import { createAssessment } from "./assessments";
import { AFFECTED_FIRST_PAGE } from "./report-model";
import { buildReport } from "./reports";
import { uploadSnapshot } from "./uploads";

const kinds = await availableKinds();

describe.each(kinds)("stored findings on %s", (kind) => {
  let t: TestDatabase;
  let A: UserPrincipal;

  beforeAll(async () => {
    const set = await setUpAppDatabase(kind);
    t = set.t;
    A = asUser(set.admin);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("keeps a few affected objects per finding in the analysis and every one for downloads", async () => {
    const count = AFFECTED_KEPT * 3;
    const a = await createAssessment(A, { name: "Many deployments" });
    const { snapshot } = await uploadSnapshot(A, a.id, [{ name: "many.json", data: deploymentList(count) }]);
    const row = await t.database.prisma.snapshot.findUniqueOrThrow({
      where: { id: snapshot.id },
      select: { analysis: true, findingsGz: true },
    });
    const stored = row.analysis as unknown as StoredAnalysis;
    const wide = stored.findings.find((f) => f.affectedCount >= count);
    expect(wide, "a check failing on every deployment").toBeDefined();
    expect(wide!.affected).toHaveLength(AFFECTED_KEPT);
    expect(wide!.affectedListed).toBeGreaterThanOrEqual(count);
    const whole = JSON.parse(gunzipSync(row.findingsGz!).toString("utf8")) as StoredAnalysis["findings"];
    expect(whole.find((f) => f.checkId === wide!.checkId)?.affected).toHaveLength(wide!.affectedListed!);

    // The page's report lists the first page of them, with the count and where to read the rest; the
    // CSV download lists every affected object.
    const page = await buildReport(A, a.id);
    const pageFinding = page.findings.find((f) => f.checkId === wide!.checkId);
    expect(pageFinding?.affected).toHaveLength(AFFECTED_FIRST_PAGE);
    expect(pageFinding?.affectedCount).toBeGreaterThanOrEqual(count);
    const csv = findingsToCsv(await buildReport(A, a.id, { allAffected: true }));
    const rows = csv.split("\n").filter((line) => line.includes(wide!.checkId));
    expect(rows.length).toBe(wide!.affectedListed);
  });
});
