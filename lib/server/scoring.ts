// Readiness: the assessment's pinned checklist version scored on its latest snapshot and manual
// answers. Reports are kept as history: uploads, checklist changes and re-scores each add one.
import "server-only";
import { notFound } from "@/lib/domain/errors";
import { systemPrincipal, type Principal } from "@/lib/domain/principal";
import { INSUFFICIENT_GRADE, scoreChecklist, type ChecklistScore } from "@/lib/engine/checklist/score";
import { ZManualAnswer, type ManualAnswer } from "@/lib/engine/checklist/model";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import { actingUser, authorizeAssessment, requireSystemOrAdmin, type AssessmentGrant } from "./access";
import { answersRecord, snapshotFactsForHeuristic } from "./assessments";
import { itemSelect, latestPublishedVersion, toItem } from "./checklists";
import { db } from "./db";
import { enqueueJob } from "./jobs";
import {
  currentAnalysis,
  deleteSnapshot,
  latestSnapshot,
  reanalyseStoredSnapshot,
  snapshotOf,
  type StoredAnalysis,
} from "./snapshots";

export async function manualAnswersOf(grant: AssessmentGrant): Promise<Record<string, ManualAnswer>> {
  const assessmentId = grant.id;
  const rows = await (
    await db()
  ).manualAnswer.findMany({
    where: { assessmentId },
    select: { itemKey: true, answer: true, note: true },
  });
  const out: Record<string, ManualAnswer> = {};
  for (const r of rows) {
    const parsed = ZManualAnswer.safeParse({ answer: r.answer, note: r.note });
    if (parsed.success) out[r.itemKey] = parsed.data;
  }
  return out;
}

/** The version an assessment is scored with; assessments without one get the default checklist's latest. */
export async function pinnedVersionId(grant: AssessmentGrant): Promise<string | null> {
  const assessmentId = grant.id;
  const prisma = await db();
  const a = await prisma.assessment.findUnique({
    where: { id: assessmentId },
    select: { checklistVersionId: true },
  });
  if (!a) throw notFound("Assessment");
  if (a.checklistVersionId) return a.checklistVersionId;
  const latest = await latestPublishedVersion();
  if (!latest) return null;
  await prisma.assessment.update({ where: { id: assessmentId }, data: { checklistVersionId: latest.id } });
  return latest.id;
}

export interface Readiness {
  checklist: {
    id: string;
    name: string;
    versionId: string;
    number: number;
    /** A newer published version of the same checklist, when there is one. */
    newer: { id: string; number: number } | null;
  } | null;
  score: ChecklistScore | null;
  analysis: StoredAnalysis | null;
  /** The analysis shown is being recomputed in the background (newer engine, changed exemptions). */
  refreshing: boolean;
  snapshot: Awaited<ReturnType<typeof latestSnapshot>>;
}

/** Readiness on the latest snapshot, or on the one named (for comparisons). */
export async function readinessFor(grant: AssessmentGrant, snapshotId?: string): Promise<Readiness> {
  const prisma = await db();
  const versionId = await pinnedVersionId(grant);
  const snapshot = snapshotId ? await snapshotOf(grant, snapshotId) : await latestSnapshot(grant);
  const current = snapshot ? await currentAnalysis(grant, snapshot) : null;
  const analysis = current?.analysis ?? null;
  const refreshing = current?.refreshing ?? false;
  if (!versionId) return { checklist: null, score: null, analysis, refreshing, snapshot };
  const version = await prisma.checklistVersion.findUniqueOrThrow({
    where: { id: versionId },
    select: {
      id: true,
      number: true,
      checklist: { select: { id: true, name: true } },
      items: { orderBy: { position: "asc" }, select: itemSelect },
    },
  });
  const latest = await latestPublishedVersion(version.checklist.id);
  const facts = snapshot?.facts as { workloadCount?: number } | undefined;
  const score = scoreChecklist(version.items.map(toItem), {
    checks: analysis?.checks ?? null,
    manual: await manualAnswersOf(grant),
    // Analyses store the workloads the checks saw (by shape); older ones only have the facts' count.
    evidence: snapshot
      ? {
          objects: snapshot.objectCount,
          workloads: analysis?.score.coverage?.workloads ?? facts?.workloadCount ?? 0,
        }
      : null,
  });
  return {
    checklist: {
      id: version.checklist.id,
      name: version.checklist.name,
      versionId: version.id,
      number: version.number,
      newer: latest && latest.number > version.number ? { id: latest.id, number: latest.number } : null,
    },
    score,
    analysis,
    refreshing,
    snapshot,
  };
}

/**
 * The grade as the string columns store it: a letter, INSUFFICIENT_GRADE when too little was measured
 * for a letter (no schema change: the column was already a string), or null when nothing was scored.
 */
function cachedGrade(score: ChecklistScore | null): string | null {
  if (!score) return null;
  if (!score.coverage.sufficient) return INSUFFICIENT_GRADE;
  return score.grade;
}

/**
 * Recomputes the dashboard's cached verdict and readiness for one assessment.
 *
 * Several instances may refresh one assessment at once (an upload here, an exemption job there), each
 * from what it read. The verdict is computed under the assessment's row lock from the answers and
 * snapshot facts read there, so it is always the latest (answer saves take the same lock). Readiness
 * is too costly to compute under a lock, so it carries the database time its inputs were read from
 * (`readinessReadAt`) and a refresh that read older inputs than the stored ones leaves them alone.
 */
export async function refreshScores(grant: AssessmentGrant): Promise<Readiness> {
  const computed = await readScores(grant);
  await writeScores(grant, computed);
  return computed.readiness;
}

/** The first half of refreshScores: readiness with the database time its inputs were read from. */
export async function readScores(grant: AssessmentGrant) {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ now: Date }[]>`SELECT timezone('UTC', clock_timestamp()) AS now`;
  return { readAt: rows[0]!.now, readiness: await readinessFor(grant) };
}

/** The second half: writes the verdict from the latest answers, and readiness unless newer is stored. */
export async function writeScores(
  grant: AssessmentGrant,
  { readAt, readiness }: Awaited<ReturnType<typeof readScores>>,
) {
  const assessmentId = grant.id;
  await (
    await db()
  ).$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
    const row = await tx.assessment.findUnique({
      where: { id: assessmentId },
      select: {
        answers: { select: { questionId: true, value: true } },
        snapshots: { orderBy: { createdAt: "desc" }, take: 1, select: { facts: true } },
      },
    });
    if (!row) return;
    const need = assessNeedKubernetes(
      answersRecord(row.answers),
      snapshotFactsForHeuristic(row.snapshots[0]?.facts),
    );
    await tx.assessment.update({
      where: { id: assessmentId },
      data: { needScore: need.score, needVerdict: need.verdict },
    });
    await tx.assessment.updateMany({
      where: { id: assessmentId, OR: [{ readinessReadAt: null }, { readinessReadAt: { lt: readAt } }] },
      data: {
        readinessScore: readiness.score?.score ?? null,
        readinessGrade: cachedGrade(readiness.score),
        readinessReadAt: readAt,
      },
    });
  });
}

export async function recordReport(grant: AssessmentGrant, reason: string, readiness: Readiness) {
  const actor = actingUser(grant.principal);
  const assessmentId = grant.id;
  if (!readiness.checklist || !readiness.score) return null;
  const { items: _items, ...summary } = readiness.score;
  return (await db()).report.create({
    data: {
      assessmentId,
      checklistVersionId: readiness.checklist.versionId,
      snapshotId: readiness.snapshot?.id ?? null,
      reason,
      score: readiness.score.score,
      grade: cachedGrade(readiness.score),
      result: JSON.parse(JSON.stringify({ ...summary, items: readiness.score.items })) as object,
      createdById: actor.id,
    },
    select: { id: true, createdAt: true, score: true, grade: true, reason: true },
  });
}

/** Deletes a snapshot (audited) and re-scores its assessment on what is left. */
export async function deleteSnapshotAndRescore(p: Principal, snapshotId: string): Promise<void> {
  const { assessmentId } = await deleteSnapshot(p, snapshotId);
  await refreshScores(await authorizeAssessment(p, assessmentId, "edit"));
}

/**
 * Re-analyses every assessment's latest snapshot and recomputes the cached scores, after something
 * that changes all of them at once (an admin exemption created or revoked). Runs as a job.
 */
export async function requestScoreRefresh(p: Principal, reason: string) {
  requireSystemOrAdmin(p);
  return enqueueJob({
    kind: "refresh-scores",
    userId: p.kind === "user" ? p.user.id : null,
    assessmentId: null,
    payload: { reason },
  });
}

/** The "refresh-scores" job: every assessment, with progress n of N. */
export async function refreshAllScores(onProgress: (stage: string, done: number, total: number) => void) {
  const system = systemPrincipal("scores refresh");
  const prisma = await db();
  const rows = await prisma.assessment.findMany({
    select: { id: true, snapshots: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true } } },
  });
  for (const [i, row] of rows.entries()) {
    onProgress("re-analysing", i, rows.length);
    const latest = row.snapshots[0];
    if (latest) await reanalyseStoredSnapshot(latest.id, () => {});
    await refreshScores(await authorizeAssessment(system, row.id, "edit"));
  }
  onProgress("re-analysing", rows.length, rows.length);
  return { assessments: rows.length };
}

/** The "reanalyse" job: one snapshot, then its assessment's cached scores. */
export async function reanalyseAndRescore(
  snapshotId: string,
  onProgress: (stage: string, done: number, total: number) => void,
) {
  const done = await reanalyseStoredSnapshot(snapshotId, onProgress);
  if (!done) return { snapshotId, skipped: "deleted" };
  onProgress("scoring", 0, 1);
  await refreshScores(await authorizeAssessment(systemPrincipal("re-analysis"), done.assessmentId, "edit"));
  return { snapshotId };
}

/** Moves the assessment to the newest published version of its checklist (or of `checklistId`). */
export async function rescore(p: Principal, assessmentId: string, checklistId?: string) {
  const grant = await authorizeAssessment(p, assessmentId, "edit");
  const prisma = await db();
  const current = await readinessFor(grant);
  const target = await latestPublishedVersion(checklistId ?? current.checklist?.id);
  if (!target) throw notFound("Published checklist");
  await prisma.assessment.update({ where: { id: assessmentId }, data: { checklistVersionId: target.id } });
  const readiness = await refreshScores(grant);
  const reason =
    current.checklist && current.checklist.id === target.checklistId
      ? `Re-scored with ${target.checklist.name} v${target.number} (was v${current.checklist.number})`
      : `Scored with ${target.checklist.name} v${target.number}`;
  const report = await recordReport(grant, reason, readiness);
  return { report, score: readiness.score };
}

/** Saved reports, newest first, with the per-category scores and counts they were scored with. */
export async function listReports(grant: AssessmentGrant) {
  const assessmentId = grant.id;
  const rows = await (
    await db()
  ).report.findMany({
    where: { assessmentId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      createdAt: true,
      snapshotId: true,
      reason: true,
      score: true,
      grade: true,
      result: true,
      createdBy: { select: { name: true } },
      checklistVersion: { select: { number: true, checklist: { select: { name: true } } } },
    },
  });
  return rows.map(({ result, ...row }) => {
    const saved = result as unknown as Pick<ChecklistScore, "categories" | "counts">;
    return { ...row, categories: saved.categories, counts: saved.counts };
  });
}
