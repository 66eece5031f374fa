// The report model cache on PostgreSQL and PGlite: a report is built once per version of what it is
// built from and reused, and every change a reader could notice — answers, manual answers, exemptions,
// a new checklist version and re-scoring, a snapshot uploaded, renamed, marked baseline or deleted, a
// change written by another instance straight to the database — is seen by the very next read. A share
// link reads the shared model (no names of people) and stops at once when revoked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { until } from "@/lib/testing/app-processes";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment, getAnswers, saveAnswers } from "./assessments";
import { ensureDraft, getVersion, latestPublishedVersion, publishVersion, updateItem } from "./checklists";
import { createExemption, revokeExemption } from "./exemptions";
import { drainJobs } from "./job-runner";
import { getChecklistAnswers, saveChecklistAnswers } from "./manual-answers";
import { authorizeAssessment } from "./access";
import { buildReport, reportChecks, reportModelCached, reportStamp, sharedPageVersion } from "./reports";
import { deleteSnapshotAndRescore, requestScoreRefresh, rescore } from "./scoring";
import { createShareLink, resolveShareToken, revokeShareLink } from "./share-links";
import { updateSnapshot } from "./snapshots";
import { uploadSnapshot } from "./uploads";

/** Deployments with one replica, no probes, no limits, `:latest` images. */
function yaml(names: string[]) {
  return new TextEncoder().encode(
    names
      .map(
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
        - {name: app, image: "shop/${name}:latest"}
`,
      )
      .join("---\n"),
  );
}

const kinds = await availableKinds();

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );
}

describe.each(kinds)("report model cache on %s", (kind) => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let id: string;
  const item = async (key: string) =>
    (await buildReport(admin, id)).readiness!.items.find((i) => i.key === key)!;

  beforeAll(async () => {
    const set = await setUpAppDatabase(kind);
    t = set.t;
    admin = asUser(set.admin);
    id = (await createAssessment(admin, { name: "Cached shop" })).id;
    await uploadSnapshot(admin, id, [
      { name: "shop.yaml", data: yaml(["api", "web", "worker", "cart", "search"]) },
    ]);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("builds a report once per version and reuses it, with a fresh generation time", async () => {
    const a = await buildReport(admin, id);
    const b = await buildReport(admin, id);
    expect(b.findings).toBe(a.findings);
    expect(b.readiness).toBe(a.readiness);
    expect(a.findings.length).toBeGreaterThan(2);
    expect(Date.parse(b.generatedAt)).toBeGreaterThanOrEqual(Date.parse(a.generatedAt));
  });

  it("has the report built for the uploader's next read once an upload is done, showing the new snapshot", async () => {
    const other = (await createAssessment(admin, { name: "Prepared shop" })).id;
    expect(reportModelCached(other)).toBe(false);
    await uploadSnapshot(admin, other, [{ name: "prepared.yaml", data: yaml(["api", "web"]) }]);
    await until("the prepared report model", () => reportModelCached(other), 10_000);
    const report = await buildReport(admin, other);
    expect(report.snapshot?.filename).toBe("prepared.yaml");
    expect(report.readiness).not.toBeNull();
  });

  it("sees changed answers and manual answers at once", async () => {
    const before = await buildReport(admin, id);
    const { version } = await getAnswers(admin, id);
    await saveAnswers(admin, id, version, { production_hosts: 40, services: 30 });
    const after = await buildReport(admin, id);
    expect(after.questionnaire.answered).toBe(before.questionnaire.answered + 2);

    expect((await item("dr-plan-tested")).status).toBe("unanswered");
    const manual = await getChecklistAnswers(admin, id);
    await saveChecklistAnswers(admin, id, manual.version, {
      "dr-plan-tested": { answer: "no", note: "never rehearsed" },
    });
    expect(await item("dr-plan-tested")).toMatchObject({
      status: "fail",
      answer: { note: "never rehearsed" },
    });
  });

  it("sees an exemption at once (being refreshed), its re-analysis, and its revocation", async () => {
    expect((await item("single-replica")).status).toBe("fail");
    const exemption = await createExemption(admin, {
      checkId: "single-replica",
      namespacePattern: "*",
      namePattern: "*",
      reason: "one replica is enough here",
      expiresAt: null,
    });
    expect((await buildReport(admin, id)).refreshing).toBe(true);
    await requestScoreRefresh(admin, "exemption created");
    await drainJobs();
    const exempt = await buildReport(admin, id);
    expect(exempt.refreshing).toBe(false);
    expect((await item("single-replica")).status).toBe("exempt");
    expect(exempt.findings.map((f) => f.checkId)).not.toContain("single-replica");

    await revokeExemption(admin, exemption.id);
    expect((await buildReport(admin, id)).refreshing).toBe(true);
    await requestScoreRefresh(admin, "exemption revoked");
    await drainJobs();
    expect((await item("single-replica")).status).toBe("fail");
  });

  it("sees a newer checklist version, then the re-score and its history entry", async () => {
    const current = (await latestPublishedVersion())!;
    const before = await buildReport(admin, id);
    expect(before.checklist?.newer).toBeNull();
    const { version: draft } = await ensureDraft(admin, current.checklistId);
    const dr = (await getVersion(admin, draft.id)).items.find((i) => i.key === "dr-plan-tested")!;
    await updateItem(admin, draft.id, dr.id, { severity: "critical" });
    await publishVersion(admin, draft.id);
    expect((await buildReport(admin, id)).checklist?.newer?.number).toBe(current.number + 1);
    await rescore(admin, id);
    const after = await buildReport(admin, id);
    expect(after.checklist).toMatchObject({ number: current.number + 1, newer: null });
    expect((await item("dr-plan-tested")).severity).toBe("critical");
    expect(after.history.length).toBe(before.history.length + 1);
  });

  it("sees a snapshot uploaded, renamed, marked baseline and deleted", async () => {
    const first = (await buildReport(admin, id)).snapshot!;
    await uploadSnapshot(admin, id, [{ name: "smaller.yaml", data: yaml(["api", "web"]) }]);
    const second = (await buildReport(admin, id)).snapshot!;
    expect(second.id).not.toBe(first.id);
    expect(second.objectCount).toBe(2);
    expect(
      (await buildReport(admin, id)).findings.find((f) => f.checkId === "single-replica")?.affectedCount,
    ).toBe(2);

    await updateSnapshot(admin, second.id, { name: "November" });
    expect((await buildReport(admin, id)).snapshot?.name).toBe("November");

    await deleteSnapshotAndRescore(admin, second.id);
    const back = await buildReport(admin, id);
    expect(back.snapshot?.id).toBe(first.id);
    expect(back.findings.find((f) => f.checkId === "single-replica")?.affectedCount).toBe(5);
  });

  it("sees a change another instance wrote straight to the database", async () => {
    await buildReport(admin, id);
    await t.database.prisma.assessment.update({ where: { id }, data: { name: "Renamed elsewhere" } });
    expect((await buildReport(admin, id)).assessment.name).toBe("Renamed elsewhere");
    // A snapshot re-analysed by another instance's worker: its updatedAt moves, and the report follows.
    const snap = (await buildReport(admin, id)).snapshot!;
    const row = await t.database.prisma.snapshot.findUniqueOrThrow({ where: { id: snap.id } });
    const analysis = row.analysis as { score: { score: number } };
    await t.database.prisma.snapshot.update({
      where: { id: snap.id },
      data: { analysis: { ...analysis, score: { ...analysis.score, score: 7 } } },
    });
    expect((await buildReport(admin, id)).snapshot?.engineScore).toBe(7);
  });

  it("gives a share link the shared model, and a revoked link nothing at once", async () => {
    const mine = await buildReport(admin, id);
    expect(mine.snapshot?.uploadedBy).toBeTruthy();
    const link = await createShareLink(admin, id, null, "cache test");
    const share = await resolveShareToken(link.token);
    const shared = await buildReport(share, id);
    expect(shared.snapshot?.uploadedBy).toBeNull();
    expect(shared.history.every((h) => h.by === null)).toBe(true);
    const card = await reportChecks(share, id, { category: "reliability" });
    expect(card.kind).toBe("category");
    // The page of a check's objects is the findings explorer's, for the share link too.
    const objects = await reportChecks(share, id, { category: "reliability", check: "single-replica" });
    expect(objects).toMatchObject({ kind: "objects", total: 5 });
    expect(await code(reportChecks(share, id, { category: "nope" }))).toBe("validation");

    await revokeShareLink(admin, link.id);
    expect(await code(resolveShareToken(link.token))).toBe("not-found");
    expect(await code(resolveShareToken(link.token, { countView: false }))).toBe("not-found");
  });

  it("gives a shared page the report's version, moved by a change and gone with the link", async () => {
    const link = await createShareLink(admin, id, null, "page version");
    const stamp = async () => reportStamp(await authorizeAssessment(admin, id, "read"));
    // The page's version is the link and the report stamp: every change the tests above make to the
    // stamp (answers, exemptions, checklists, snapshots, other instances' writes) moves it as well.
    const first = await sharedPageVersion(link.token);
    expect(first).toEqual({ linkId: link.id, version: `${link.id}|${await stamp()}` });
    expect(await sharedPageVersion(link.token)).toEqual(first);
    const { version } = await getAnswers(admin, id);
    await saveAnswers(admin, id, version, { deploys_per_week: 50 });
    const second = await sharedPageVersion(link.token);
    expect(second?.version).not.toBe(first?.version);
    expect(second?.version).toBe(`${link.id}|${await stamp()}`);

    const expiring = await createShareLink(admin, id, 1, null);
    expect(await sharedPageVersion(expiring.token)).not.toBeNull();
    await t.database.prisma.shareLink.update({
      where: { id: expiring.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await sharedPageVersion(expiring.token)).toBeNull();
    await revokeShareLink(admin, link.id);
    expect(await sharedPageVersion(link.token)).toBeNull();
    expect(await sharedPageVersion("no-such-token-0123456789")).toBeNull();
  });

  it("lets nobody outside read a report's checks, even with a malformed query", async () => {
    const other = await createShareLink(admin, id, null, null);
    const share = await resolveShareToken(other.token);
    const elsewhere = (await createAssessment(admin, { name: "Elsewhere" })).id;
    expect(await code(reportChecks(share, elsewhere, { category: "reliability" }))).toBe("not-found");
    expect(await code(reportChecks(share, elsewhere, { category: "nope" }))).toBe("not-found");
  });
});
