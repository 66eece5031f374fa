// The report: need-Kubernetes verdict from the answers (plus snapshot facts), readiness from the
// pinned checklist version on the latest snapshot and manual answers. The same DTO feeds the page,
// the JSON API and shared links.
import "server-only";
import { notFound } from "@/lib/domain/errors";
import { assessNeedKubernetes, heuristicExplanation } from "@/lib/engine/heuristic/need-kubernetes";
import { questionnaireProgress } from "@/lib/engine/heuristic/questionnaire";
import { verdictChanges, type VerdictChange } from "@/lib/engine/heuristic/verdict-changes";
import type { CertificateFact, ClusterFacts, Severity, SnapshotWarning } from "@/lib/engine/types";
import type { StoredFinding } from "@/lib/engine/worker/analysis-task";
import type { Principal } from "@/lib/domain/principal";
import { authorizeAssessment } from "./access";
import { answersOf, snapshotFactsForHeuristic } from "./assessments";
import { db } from "./db";
import { listReports, readinessFor } from "./scoring";
import { readFullFindings } from "./snapshots";

/**
 * verdictChanges runs the heuristic a hundred or so times (tens of milliseconds); a report is read far
 * more often than its answers change, so the last results are kept per process. The function is pure,
 * so a stale entry cannot exist: the key is its whole input.
 */
const changesCache = new Map<string, VerdictChange[]>();
function cachedVerdictChanges(...args: Parameters<typeof verdictChanges>): VerdictChange[] {
  const key = JSON.stringify(args);
  let value = changesCache.get(key);
  if (!value) {
    value = verdictChanges(...args);
    if (changesCache.size >= 200) changesCache.delete(changesCache.keys().next().value!);
  }
  changesCache.delete(key);
  changesCache.set(key, value);
  return value;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Failing checks that the checklist includes, at the checklist's severity, most severe and widespread first. */
function checklistFindings(
  findings: StoredFinding[],
  items: { checkId?: string; severity: Severity }[],
): StoredFinding[] {
  const severity = new Map(items.filter((i) => i.checkId).map((i) => [i.checkId!, i.severity]));
  return findings
    .filter((f) => severity.has(f.checkId))
    .map((f) => ({ ...f, severity: severity.get(f.checkId)! }))
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.affectedCount - a.affectedCount);
}

/**
 * Behind a share link the report names no account. Findings list their first few affected objects
 * (with `affectedListed` saying how many there are); `allAffected` reads every one, for exports.
 */
export async function buildReport(p: Principal, assessmentId: string, { allAffected = false } = {}) {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  const shared = p.kind === "share";
  const prisma = await db();
  const assessment = await prisma.assessment.findUnique({
    where: { id: assessmentId },
    select: { id: true, name: true, team: { select: { name: true } }, updatedAt: true },
  });
  if (!assessment) throw notFound("Assessment");
  const [{ answers }, readiness, history] = await Promise.all([
    answersOf(grant),
    readinessFor(grant),
    listReports(grant),
  ]);
  const { snapshot, score } = readiness;
  const full = allAffected && snapshot ? await readFullFindings(grant, snapshot.id) : null;
  const analysis =
    readiness.analysis && full ? { ...readiness.analysis, findings: full } : readiness.analysis;
  const facts = snapshot ? (snapshot.facts as unknown as ClusterFacts) : null;
  return {
    assessment: { name: assessment.name, team: assessment.team.name, updatedAt: assessment.updatedAt },
    generatedAt: new Date().toISOString(),
    needKubernetes: assessNeedKubernetes(answers, snapshotFactsForHeuristic(facts)),
    /** The smallest answer changes that would give another verdict or recommendation. */
    verdictChanges: cachedVerdictChanges(answers, snapshotFactsForHeuristic(facts)),
    heuristic: heuristicExplanation,
    questionnaire: questionnaireProgress(answers),
    checklist: readiness.checklist,
    readiness: score,
    /** The readiness shown is being recomputed in the background (newer engine, changed exemptions). */
    refreshing: readiness.refreshing,
    snapshot: snapshot
      ? {
          id: snapshot.id,
          name: snapshot.name,
          filename: snapshot.filename,
          uploadedAt: snapshot.createdAt,
          uploadedBy: shared ? null : snapshot.uploadedBy.name,
          objectCount: snapshot.objectCount,
          facts,
          warnings: snapshot.warnings as unknown as SnapshotWarning[],
          certificates: snapshot.certificates as unknown as CertificateFact[],
          /** The engine's own score of the snapshot alone, before the checklist's weights. */
          engineScore: analysis?.score.score ?? null,
        }
      : null,
    findings: analysis && score ? checklistFindings(analysis.findings, score.items) : [],
    history: history.map((h) => ({
      createdAt: h.createdAt,
      snapshotId: h.snapshotId,
      reason: h.reason,
      score: h.score,
      grade: h.grade,
      checklist: `${h.checklistVersion.checklist.name} v${h.checklistVersion.number}`,
      categories: h.categories,
      counts: h.counts,
      by: shared ? null : h.createdBy.name,
    })),
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;
