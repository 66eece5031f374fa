// Checklist versioning, audit events, exemption expiry and re-scoring, on PostgreSQL and PGlite.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { defaultChecklist } from "@/lib/engine/checklist/default";
import { serializeChecklistFile, parseChecklistFile } from "@/lib/engine/checklist/file";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { authorizeAssessment } from "./access";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment } from "./assessments";
import { listAuditEvents } from "./audit";
import {
  addItem,
  createChecklist,
  diffVersions,
  ensureDefaultChecklist,
  ensureDraft,
  exportVersion,
  getVersion,
  importChecklist,
  latestPublishedVersion,
  listChecklists,
  publishVersion,
  reorderItems,
  updateItem,
} from "./checklists";
import { activeExemptionRules, createExemption, listExemptions, revokeExemption } from "./exemptions";
import { getChecklistAnswers, saveChecklistAnswers } from "./manual-answers";
import { drainJobs } from "./job-runner";
import { readinessFor, requestScoreRefresh, rescore } from "./scoring";
import { uploadSnapshot } from "./uploads";
import type { SessionUser } from "./users";

const corpus = path.resolve(process.cwd(), "../shared/corpus");
const hasCorpus = existsSync(corpus);

async function code(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

const kinds = await availableKinds();

describe.each(kinds)("checklists on %s", (kind) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let A: UserPrincipal;

  beforeAll(async () => {
    ({ t, admin } = await setUpAppDatabase(kind));
    A = asUser(admin);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("seeds the default checklist once, published, with automated and manual items", async () => {
    await ensureDefaultChecklist(t.database.prisma);
    const lists = await listChecklists(A);
    expect(lists).toHaveLength(1);
    const [v1] = lists[0]!.versions;
    expect(v1).toMatchObject({ number: 1, status: "published" });
    const version = await getVersion(A, v1!.id);
    expect(version.items.filter((i) => i.kind === "manual").length).toBeGreaterThanOrEqual(16);
    expect(version.items.filter((i) => i.kind === "automated").length).toBeGreaterThanOrEqual(20);
  });

  it("keeps published versions immutable and edits a copy in a draft", async () => {
    const v1 = (await latestPublishedVersion())!;
    const v1Items = (await getVersion(A, v1.id)).items;
    const item = v1Items.find((i) => i.key === "dr-plan-tested")!;
    expect(await code(updateItem(A, v1.id, item.id, { severity: "low" }))).toBe("conflict");

    const { version: draft, created } = await ensureDraft(A, v1.checklistId);
    expect(created).toBe(true);
    expect(draft).toMatchObject({ number: 2, status: "draft" });
    expect((await ensureDraft(A, v1.checklistId)).version.id).toBe(draft.id);
    const copy = (await getVersion(A, draft.id)).items.find((i) => i.key === "dr-plan-tested")!;
    await updateItem(A, draft.id, copy.id, { severity: "medium", weight: 3 });
    expect(await code(updateItem(A, draft.id, copy.id, { severity: "catastrophic" }))).toBe("validation");
    const invalid = await updateItem(A, draft.id, copy.id, { title: "", weight: null }).catch(
      (e: unknown) => e,
    );
    expect((invalid as AppError).extra.errors).toEqual([
      { path: "title", message: "Title is required." },
      { path: "weight", message: "Weight must be a number." },
    ]);

    const diff = await diffVersions(A, v1.id, draft.id);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        key: "dr-plan-tested",
        title: item.title,
        changes: [
          { field: "severity", before: "critical", after: "medium" },
          { field: "weight", before: 1, after: 3 },
        ],
      },
    ]);
    // The published original is untouched.
    expect((await getVersion(A, v1.id)).items.find((i) => i.key === "dr-plan-tested")?.severity).toBe(
      "critical",
    );

    await publishVersion(A, draft.id);
    expect(await code(publishVersion(A, draft.id))).toBe("conflict");
    expect((await latestPublishedVersion())?.number).toBe(2);
  });

  it("writes an audit event with before and after for every change", async () => {
    const events = await listAuditEvents(A);
    const edit = events.find((e) => e.action === "checklist-item.update");
    expect(edit?.actor).toEqual({ name: "Ada", email: "admin@example.com" });
    expect(edit?.before).toMatchObject({ key: "dr-plan-tested", severity: "critical" });
    expect(edit?.after).toMatchObject({ key: "dr-plan-tested", severity: "medium", weight: 3 });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "checklist-version.draft",
        "checklist-item.update",
        "checklist-version.publish",
      ]),
    );
  });

  it("creates checklists, adds and reorders items in a draft", async () => {
    const c = await createChecklist(A, { name: "Lean", slug: "lean", description: "" });
    expect(await code(createChecklist(A, { name: "Again", slug: "lean", description: "" }))).toBe("conflict");
    const draftId = c.versions[0]!.id;
    const base = {
      category: "operations",
      severity: "high",
      weight: 1,
      rationale: "r",
      remediation: "m",
      enabled: true,
    } as const;
    await addItem(A, draftId, { ...base, key: "a", kind: "manual", question: "A?", title: "A" });
    await addItem(A, draftId, {
      ...base,
      key: "b",
      kind: "automated",
      checkId: "liveness-probe",
      title: "B",
    });
    expect(
      await code(addItem(A, draftId, { ...base, key: "a", kind: "manual", question: "?", title: "dup" })),
    ).toBe("conflict");
    const items = await reorderItems(A, draftId, ["b", "a"]);
    expect(items.map((i) => i.key)).toEqual(["b", "a"]);
    expect(await code(reorderItems(A, draftId, ["b"]))).toBe("validation");
  });

  it("exports and re-imports a version identically", async () => {
    const v2 = (await latestPublishedVersion())!;
    const exported = await exportVersion(A, v2.id);
    const text = serializeChecklistFile(exported, "yaml");
    const parsed = parseChecklistFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { version } = await importChecklist(A, { ...parsed.file, slug: "imported-copy" });
    const again = await exportVersion(A, version.id);
    expect(serializeChecklistFile(again, "yaml")).toBe(
      text.replace(`slug: ${exported.slug}`, "slug: imported-copy"),
    );
  });

  it("stops applying exemptions once they expire or are revoked", async () => {
    const soon = await createExemption(A, {
      checkId: "liveness-probe",
      namespacePattern: "shop",
      namePattern: "*",
      reason: "batch jobs",
      expiresAt: new Date(Date.now() + 60_000),
    });
    const forever = await createExemption(A, {
      checkId: "readiness-probe",
      namespacePattern: "*",
      namePattern: "worker",
      reason: "no HTTP",
      expiresAt: null,
    });
    expect((await activeExemptionRules()).rules).toHaveLength(2);
    const later = new Date(Date.now() + 120_000);
    const { rules } = await activeExemptionRules(later);
    expect(rules).toEqual([
      { checkId: "readiness-probe", name: "worker", reason: "no HTTP (admin exemption)" },
    ]);
    expect((await listExemptions(A, later)).find((e) => e.id === soon.id)?.active).toBe(false);
    await revokeExemption(A, forever.id);
    expect((await activeExemptionRules(later)).rules).toEqual([]);
    const audit = await listAuditEvents(A, { entityType: "exemption" });
    expect(audit.map((e) => e.action).sort()).toEqual([
      "exemption.create",
      "exemption.create",
      "exemption.revoke",
    ]);
  });

  it.runIf(hasCorpus)(
    "pins the checklist version and re-scores into a new report, keeping the old",
    async () => {
      const v2 = (await latestPublishedVersion())!;
      const a = await createAssessment(A, { name: "Rescore me" });
      const manifests = readFileSync(
        path.join(corpus, "manifests/microservices-demo/release/kubernetes-manifests.yaml"),
      );
      await uploadSnapshot(A, a.id, [{ name: "demo.yaml", data: manifests }]);
      const answers = await getChecklistAnswers(A, a.id);
      expect(answers.items.map((i) => i.key)).toContain("dr-plan-tested");
      const saved = await saveChecklistAnswers(A, a.id, answers.version, {
        "dr-plan-tested": { answer: "no", note: "never rehearsed" },
        "secrets-backed-up": { answer: "na", note: "" },
      });
      expect(await code(saveChecklistAnswers(A, a.id, answers.version, { "dr-plan-tested": null }))).toBe(
        "conflict",
      );
      expect(await code(saveChecklistAnswers(A, a.id, saved.version, { nope: { answer: "yes" } }))).toBe(
        "validation",
      );

      const before = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(before.checklist).toMatchObject({ versionId: v2.id, number: 2, newer: null });
      const dr = before.score!.items.find((i) => i.key === "dr-plan-tested")!;
      expect(dr).toMatchObject({ status: "fail", severity: "medium", value: 0 });
      expect(before.score!.counts.unanswered).toBeGreaterThan(10);
      expect(before.score!.counts["not-applicable"]).toBeGreaterThanOrEqual(1);

      // An admin raises the DR item to critical and publishes v3: the report says so until re-scored.
      const { version: draft } = await ensureDraft(A, v2.checklistId);
      const item = (await getVersion(A, draft.id)).items.find((i) => i.key === "dr-plan-tested")!;
      await updateItem(A, draft.id, item.id, { severity: "critical", weight: 5 });
      await publishVersion(A, draft.id);
      const stale = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(stale.checklist?.newer?.number).toBe(3);
      expect(stale.score?.score).toBe(before.score?.score);

      const { report, score } = await rescore(A, a.id);
      expect(score!.score).toBeLessThan(before.score!.score!);
      expect(report?.reason).toContain("v3 (was v2)");
      const after = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(after.checklist).toMatchObject({ number: 3, newer: null });
      const reports = await t.database.prisma.report.findMany({
        where: { assessmentId: a.id },
        orderBy: { createdAt: "asc" },
        select: { score: true, checklistVersion: { select: { number: true } } },
      });
      expect(reports.map((r) => r.checklistVersion.number)).toEqual([2, 3]);
    },
  );

  it.runIf(hasCorpus)(
    "re-analyses with admin exemptions and refreshes the dashboard's cached score",
    async () => {
      const a = await createAssessment(A, { name: "Exempt me" });
      const manifests = readFileSync(
        path.join(corpus, "manifests/microservices-demo/release/kubernetes-manifests.yaml"),
      );
      await uploadSnapshot(A, a.id, [{ name: "demo.yaml", data: manifests }]);
      const before = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(before.score!.items.find((i) => i.key === "single-replica")?.status).toBe("fail");
      const cached = async () =>
        (await t.database.prisma.assessment.findUniqueOrThrow({ where: { id: a.id } })).readinessScore;
      expect(await cached()).toBe(before.score!.score);

      const exemption = await createExemption(A, {
        checkId: "single-replica",
        namespacePattern: "*",
        namePattern: "*",
        reason: "demo runs one replica",
        expiresAt: null,
      });
      // Until the refresh job has run, the report shows the old analysis and says it is being refreshed.
      const stale = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(stale.refreshing).toBe(true);
      expect(stale.score!.items.find((i) => i.key === "single-replica")?.status).toBe("fail");
      const job = await requestScoreRefresh(A, "exemption created");
      expect(job.status).toBe("queued");
      expect(await drainJobs()).toBeGreaterThan(0);
      const finished = await t.database.prisma.job.findUniqueOrThrow({ where: { id: job.id } });
      expect(finished).toMatchObject({ status: "done", stage: "done" });
      const exempt = await readinessFor(await authorizeAssessment(A, a.id, "read"));
      expect(exempt.refreshing).toBe(false);
      expect(exempt.score!.items.find((i) => i.key === "single-replica")?.status).toBe("exempt");
      expect(exempt.score!.score).toBeGreaterThan(before.score!.score!);
      expect(await cached()).toBe(exempt.score!.score);

      await revokeExemption(A, exemption.id);
      await requestScoreRefresh(A, "exemption revoked");
      await drainJobs();
      expect(await cached()).toBe(before.score!.score);
    },
  );

  it("runs checks with the parameters its checklist sets, and refuses bad ones with a 4xx", async () => {
    const base = defaultChecklist();
    const withParams = (params: Record<string, unknown>) => ({
      ...base,
      slug: "three-replicas",
      name: "Three replicas",
      items: base.items.map((i) =>
        i.kind === "automated" && i.checkId === "single-replica" ? { ...i, params } : i,
      ),
    });
    const parsed = parseChecklistFile(serializeChecklistFile(withParams({ minReplicas: 3 }), "yaml"));
    if (!parsed.ok) throw new Error(parsed.message);
    const { checklist, version } = await importChecklist(A, parsed.file);
    const item = (await getVersion(A, version.id)).items.find((i) => i.key === "single-replica")!;
    expect(item.params).toEqual({ minReplicas: 3 });
    expect(await code(updateItem(A, version.id, item.id, { params: { minReplicas: 0 } }))).toBe("validation");
    expect(await code(updateItem(A, version.id, item.id, { params: { replicas: 3 } }))).toBe("validation");
    await publishVersion(A, version.id);

    const a = await createAssessment(A, { name: "Three replicas please" });
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: "nginx:1.27" }] }
`;
    await uploadSnapshot(A, a.id, [{ name: "web.yaml", data: new TextEncoder().encode(deployment) }]);
    const status = async () =>
      (await readinessFor(await authorizeAssessment(A, a.id, "read"))).score!.items.find(
        (i) => i.key === "single-replica",
      );
    expect((await status())?.status).toBe("pass");
    await rescore(A, a.id, checklist.id);
    await drainJobs();
    expect(await status()).toMatchObject({ status: "fail" });
    const readiness = await readinessFor(await authorizeAssessment(A, a.id, "read"));
    expect(readiness.refreshing).toBe(false);

    // A snapshot uploaded now is analysed with the checklist's parameters at once: its report is
    // current without a re-analysis in the background.
    await uploadSnapshot(A, a.id, [{ name: "web-again.yaml", data: new TextEncoder().encode(deployment) }]);
    const fresh = await readinessFor(await authorizeAssessment(A, a.id, "read"));
    expect(fresh.refreshing).toBe(false);
    expect(fresh.score!.items.find((i) => i.key === "single-replica")).toMatchObject({ status: "fail" });
    expect(await t.database.prisma.job.count({ where: { kind: "reanalyse", status: "queued" } })).toBe(0);
  });
});
