// The report: need-Kubernetes verdict from the answers (plus snapshot facts), readiness from the
// latest snapshot's analysis. The same DTO feeds the page, the JSON API and shared links.
import "server-only";
import { notFound } from "@/lib/api/errors";
import { assessNeedKubernetes, heuristicExplanation } from "@/lib/engine/heuristic/need-kubernetes";
import { questionnaireProgress } from "@/lib/engine/heuristic/questionnaire";
import type { CertificateFact, ClusterFacts, SnapshotWarning } from "@/lib/engine/types";
import { db } from "./db";
import { getAnswers, snapshotFactsForHeuristic } from "./assessments";
import { latestSnapshot, type StoredAnalysis } from "./snapshots";

/** `shared`: the view behind a share link, which names no account. */
export async function buildReport(assessmentId: string, { shared = false } = {}) {
  const prisma = await db();
  const assessment = await prisma.assessment.findUnique({
    where: { id: assessmentId },
    select: { id: true, name: true, team: true, updatedAt: true },
  });
  if (!assessment) throw notFound("Assessment");
  const [{ answers }, snapshot] = await Promise.all([getAnswers(assessmentId), latestSnapshot(assessmentId)]);
  const facts = snapshot ? (snapshot.facts as unknown as ClusterFacts) : null;
  const analysis = snapshot ? (snapshot.analysis as unknown as StoredAnalysis) : null;
  return {
    assessment: { name: assessment.name, team: assessment.team, updatedAt: assessment.updatedAt },
    generatedAt: new Date().toISOString(),
    needKubernetes: assessNeedKubernetes(answers, snapshotFactsForHeuristic(facts)),
    heuristic: heuristicExplanation,
    questionnaire: questionnaireProgress(answers),
    snapshot: snapshot
      ? {
          filename: snapshot.filename,
          uploadedAt: snapshot.createdAt,
          uploadedBy: shared ? null : snapshot.uploadedBy.name,
          objectCount: snapshot.objectCount,
          facts,
          warnings: snapshot.warnings as unknown as SnapshotWarning[],
          certificates: snapshot.certificates as unknown as CertificateFact[],
        }
      : null,
    readiness: analysis ? analysis.score : null,
    findings: analysis ? analysis.findings : [],
    checks: analysis
      ? analysis.checks.map(({ id, title, category, severity, counts, worst }) => ({
          id,
          title,
          category,
          severity,
          counts,
          worst,
        }))
      : [],
  };
}

export type Report = Awaited<ReturnType<typeof buildReport>>;
