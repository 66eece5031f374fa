// Two snapshots of one assessment side by side: each scored with the assessment's checklist as it is
// now, the score and category deltas, and which failing objects are new, fixed or still open.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import type { ChecklistScore } from "@/lib/engine/checklist/score";
import { diffFindings, type FindingsDiff } from "@/lib/engine/compare";
import { CATEGORIES, type Category } from "@/lib/engine/types";
import { authorizeAssessment } from "./access";
import { readinessFor } from "./scoring";
import { readFullFindings } from "./snapshots";

export interface ComparedSide {
  id: string;
  name: string | null;
  filename: string;
  baseline: boolean;
  createdAt: Date;
  objectCount: number;
  score: number | null;
  grade: ChecklistScore["grade"];
  sufficient: boolean;
}

export interface SnapshotComparison {
  checklist: { name: string; number: number } | null;
  from: ComparedSide;
  to: ComparedSide;
  /** to − from; null where either side has no score. */
  scoreDelta: number | null;
  categories: { category: Category; from: number | null; to: number | null; delta: number | null }[];
  findings: FindingsDiff;
  /** A side was stored before whole findings were kept: only its first affected objects are compared. */
  partial: boolean;
}

const delta = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined ? null : b - a;

export async function compareSnapshots(
  p: Principal,
  assessmentId: string,
  fromId: string,
  toId: string,
): Promise<SnapshotComparison> {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  if (fromId === toId) throw new AppError("validation", "Pick two different snapshots to compare.");
  const [a, b] = await Promise.all([readinessFor(grant, fromId), readinessFor(grant, toId)]);
  const [fullA, fullB] = await Promise.all([readFullFindings(grant, fromId), readFullFindings(grant, toId)]);
  const findingsA = fullA ?? a.analysis?.findings ?? [];
  const findingsB = fullB ?? b.analysis?.findings ?? [];
  // The report lists the checks of the checklist; so does the comparison.
  const onChecklist = new Set(
    [...(a.score?.items ?? []), ...(b.score?.items ?? [])].flatMap((i) => (i.checkId ? [i.checkId] : [])),
  );
  const side = (r: typeof a): ComparedSide => ({
    id: r.snapshot!.id,
    name: r.snapshot!.name,
    filename: r.snapshot!.filename,
    baseline: r.snapshot!.baseline,
    createdAt: r.snapshot!.createdAt,
    objectCount: r.snapshot!.objectCount,
    score: r.score?.score ?? null,
    grade: r.score?.coverage.sufficient ? r.score.grade : null,
    sufficient: r.score?.coverage.sufficient ?? false,
  });
  return {
    checklist: b.checklist ? { name: b.checklist.name, number: b.checklist.number } : null,
    from: side(a),
    to: side(b),
    scoreDelta: delta(a.score?.score, b.score?.score),
    categories: CATEGORIES.map((category) => {
      const from = a.score?.categories[category]?.score ?? null;
      const to = b.score?.categories[category]?.score ?? null;
      return { category, from, to, delta: delta(from, to) };
    }),
    findings: diffFindings(findingsA, findingsB, {
      include: onChecklist.size > 0 ? (id) => onChecklist.has(id) : undefined,
    }),
    partial: !fullA || !fullB,
  };
}
