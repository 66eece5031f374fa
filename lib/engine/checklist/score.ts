// The checklist score: one model for automated and manual items.
//
// Each enabled item gets a value in [0, 1] or is left out:
//   automated: passed / (passed + failed) objects of its check in the latest snapshot; left out, and
//              counted, when the check had no applicable object (not a pass), passed only vacuously
//              (nothing to examine), had only exempt or errored results, or there is no snapshot yet;
//   manual:    yes 1, partly 0.5, no 0; "not applicable" and unanswered are left out and counted.
// Weight = severity weight (critical 10, high 5, medium 3, low 1, info 0) × item weight (0–10).
// Category score = round(100 × Σ weight·value / Σ weight) over its scored items; overall likewise.
// Below the coverage rule (../coverage.ts) the score keeps its number but no grade: "insufficient data".
import { COVERAGE_RULE, insufficientReasons, isVacuousPass, type SnapshotEvidence } from "../coverage";
import { gradeOf, SEVERITY_WEIGHTS } from "../score";
import { CATEGORIES, type Category, type CheckSummary, type Grade, type Severity } from "../types";
import type { ChecklistItem, ManualAnswer } from "./model";

export type ItemStatus =
  | "pass"
  | "fail"
  | "partial"
  | "vacuous"
  | "exempt"
  | "not-applicable"
  | "unanswered"
  | "no-snapshot"
  | "error";

export interface ItemResult {
  key: string;
  kind: ChecklistItem["kind"];
  title: string;
  category: Category;
  severity: Severity;
  weight: number;
  /** Severity weight × item weight; 0 when the item is left out of the score. */
  effectiveWeight: number;
  status: ItemStatus;
  /** Value in [0, 1] that entered the score, or null when left out. */
  value: number | null;
  detail: string;
  remediation: string;
  checkId?: string;
  question?: string;
  answer?: ManualAnswer;
  /** Objects failing the automated check. */
  failing?: number;
}

export interface ChecklistScorePart {
  score: number | null;
  grade: Grade | null;
  scored: number;
}

/** What the score rests on; without `sufficient`, grades are null and `reasons` says why. */
export interface ChecklistCoverage {
  sufficient: boolean;
  reasons: string[];
  /** Enabled items. */
  total: number;
  /** Items whose value entered the score. */
  scored: number;
  /** Items that could have a value: total − not applicable − vacuous. */
  applicable: number;
  /** No applicable object in the snapshot, or a manual item answered "not applicable". */
  notApplicable: number;
  /** Automated items whose check passed only because there was nothing to examine. */
  vacuous: number;
  /** Manual items without an answer, automated items without a snapshot. */
  unanswered: number;
  /** Applicable but left out: exempt, errored, or weight 0. */
  leftOut: number;
  scoredAutomated: number;
  automatedTotal: number;
  /** null without a snapshot. */
  objectsExamined: number | null;
  workloads: number | null;
}

export interface ChecklistScore {
  score: number | null;
  grade: Grade | null;
  categories: Record<Category, ChecklistScorePart>;
  coverage: ChecklistCoverage;
  counts: Record<ItemStatus, number> & { scored: number; total: number };
  items: ItemResult[];
  formula: string;
}

export const CHECKLIST_FORMULA =
  "Each enabled item scores a value from 0 to 1: automated items the share of applicable objects passing " +
  "their check in the latest snapshot, manual items yes = 1, partly = 0.5, no = 0. Items are weighted by " +
  "severity (critical 10, high 5, medium 3, low 1, info 0) × the item's weight. Category and overall " +
  "score = round(100 × Σ weight × value / Σ weight) over scored items. Left out but counted: checks with " +
  "no applicable object (never a pass), exempt or errored checks, items without a snapshot yet, manual " +
  "items answered 'not applicable', and unanswered manual items. Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. " +
  COVERAGE_RULE;

/** Stored in the string grade columns (dashboard cache, saved reports) instead of a letter. */
export const INSUFFICIENT_GRADE = "insufficient";
export const INSUFFICIENT_LABEL = "Insufficient data";

const MANUAL_VALUE = { yes: 1, partly: 0.5, no: 0 } as const;

function automated(
  item: Extract<ChecklistItem, { kind: "automated" }>,
  checks: ReadonlyMap<string, CheckSummary> | null,
  evidence: SnapshotEvidence | null | undefined,
): Pick<ItemResult, "status" | "value" | "detail" | "failing"> {
  if (!checks)
    return { status: "no-snapshot", value: null, detail: "Upload a snapshot to evaluate this check." };
  const summary = checks.get(item.checkId);
  if (!summary) {
    return {
      status: "no-snapshot",
      value: null,
      detail: `Check ${item.checkId} did not run on this snapshot.`,
    };
  }
  const { pass, fail, exempt, error } = summary.counts;
  if (isVacuousPass(item.checkId, summary.counts, evidence)) {
    return {
      status: "vacuous",
      value: null,
      detail: `Passes only vacuously: ${pass} object(s) pass, but the snapshot has no workloads for them to select.`,
    };
  }
  if (pass + fail > 0) {
    const value = pass / (pass + fail);
    const status = fail === 0 ? "pass" : pass === 0 ? "fail" : "partial";
    return { status, value, failing: fail, detail: `${pass} passing, ${fail} failing object(s).` };
  }
  if (error > 0)
    return { status: "error", value: null, detail: `The check could not be evaluated (${error}).` };
  if (exempt > 0) return { status: "exempt", value: null, detail: `All ${exempt} result(s) are exempt.` };
  return {
    status: "not-applicable",
    value: null,
    detail: "No object in the snapshot is subject to this check.",
  };
}

function manual(
  answer: ManualAnswer | undefined,
): Pick<ItemResult, "status" | "value" | "detail" | "answer"> {
  if (!answer) return { status: "unanswered", value: null, detail: "Not answered yet." };
  if (answer.answer === "na")
    return { status: "not-applicable", value: null, detail: "Marked not applicable.", answer };
  const value = MANUAL_VALUE[answer.answer];
  const status = value === 1 ? "pass" : value === 0 ? "fail" : "partial";
  return { status, value, detail: `Answered ${answer.answer}.`, answer };
}

function part(items: readonly ItemResult[]): ChecklistScorePart {
  let num = 0;
  let den = 0;
  let scored = 0;
  for (const i of items) {
    if (i.value === null || i.effectiveWeight === 0) continue;
    num += i.effectiveWeight * i.value;
    den += i.effectiveWeight;
    scored += 1;
  }
  const score = den === 0 ? null : Math.round((100 * num) / den);
  return { score, grade: gradeOf(score), scored };
}

function coverageOf(
  results: readonly ItemResult[],
  counts: Record<ItemStatus, number> & { scored: number; total: number },
  evidence: SnapshotEvidence | null | undefined,
): ChecklistCoverage {
  // Items of weight 0 never count, so they neither help nor hinder the coverage rule.
  const automatedItems = results.filter(
    (r) => r.kind === "automated" && SEVERITY_WEIGHTS[r.severity] * r.weight > 0,
  );
  const scoredAutomated = automatedItems.filter((r) => r.effectiveWeight > 0).length;
  const notApplicable = counts["not-applicable"];
  const unanswered = counts.unanswered + counts["no-snapshot"];
  const applicable = counts.total - notApplicable - counts.vacuous;
  const reasons = insufficientReasons({
    automatedTotal: automatedItems.length,
    scoredAutomated,
    scored: counts.scored,
    evidence,
    unit: "automated items",
  });
  return {
    sufficient: reasons.length === 0,
    reasons,
    total: counts.total,
    scored: counts.scored,
    applicable,
    notApplicable,
    vacuous: counts.vacuous,
    unanswered,
    leftOut: applicable - counts.scored - unanswered,
    scoredAutomated,
    automatedTotal: automatedItems.length,
    objectsExamined: evidence?.objects ?? null,
    workloads: evidence?.workloads ?? null,
  };
}

export function scoreChecklist(
  items: readonly ChecklistItem[],
  input: {
    checks: readonly CheckSummary[] | null;
    manual: Readonly<Record<string, ManualAnswer>>;
    /** The snapshot's object and workload counts; null without a snapshot; omitted: not judged. */
    evidence?: SnapshotEvidence | null;
  },
): ChecklistScore {
  const checks = input.checks ? new Map(input.checks.map((c) => [c.id, c])) : null;
  const results: ItemResult[] = items
    .filter((item) => item.enabled)
    .map((item) => {
      const outcome =
        item.kind === "automated" ? automated(item, checks, input.evidence) : manual(input.manual[item.key]);
      const weight = SEVERITY_WEIGHTS[item.severity] * item.weight;
      return {
        key: item.key,
        kind: item.kind,
        title: item.title,
        category: item.category,
        severity: item.severity,
        weight: item.weight,
        effectiveWeight: outcome.value === null ? 0 : weight,
        remediation: item.remediation,
        ...(item.kind === "automated" ? { checkId: item.checkId } : { question: item.question }),
        ...outcome,
      };
    });
  const counts = {
    pass: 0,
    fail: 0,
    partial: 0,
    vacuous: 0,
    exempt: 0,
    "not-applicable": 0,
    unanswered: 0,
    "no-snapshot": 0,
    error: 0,
    scored: 0,
    total: results.length,
  };
  for (const r of results) {
    counts[r.status] += 1;
    if (r.value !== null && r.effectiveWeight > 0) counts.scored += 1;
  }
  const overall = part(results);
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => [c, part(results.filter((r) => r.category === c))]),
  ) as Record<Category, ChecklistScorePart>;
  const coverage = coverageOf(results, counts, input.evidence);
  if (!coverage.sufficient) {
    overall.grade = null;
    for (const c of CATEGORIES) categories[c].grade = null;
  }
  return {
    score: overall.score,
    grade: overall.grade,
    categories,
    coverage,
    counts,
    items: results,
    formula: CHECKLIST_FORMULA,
  };
}
