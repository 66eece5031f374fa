import type {
  Category,
  CheckMeta,
  CheckResult,
  CheckStatus,
  CheckSummary,
  Finding,
  Grade,
  ObjectRef,
  ReadinessScore,
  ScoreCoverage,
  ScorePart,
  Severity,
} from "./types";
import { CATEGORIES } from "./types";
import { COVERAGE_RULE, insufficientReasons, isVacuousPass, type SnapshotEvidence } from "./coverage";

export const SEVERITY_WEIGHTS: Record<Severity, number> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};
const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const STATUS_RANK: Record<CheckStatus, number> = { error: 4, fail: 3, exempt: 2, pass: 1, skip: 0 };
const STATUSES = Object.keys(STATUS_RANK) as CheckStatus[];

export const SCORE_FORMULA =
  "For each check, ratio = passed / (passed + failed) over its applicable results (skipped, exempt and " +
  "errored results are not applicable; a check with no applicable result is left out, never counted as a " +
  "pass). Weight w = severity weight (critical 10, high 5, medium 3, low 1, info 0). Category score = " +
  "round(100 × Σ w·ratio / Σ w) over the category's checks; overall score = the same over all checks. " +
  "Grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; no score when nothing was applicable. " +
  COVERAGE_RULE;

export function gradeOf(score: number | null): Grade | null {
  if (score === null) return null;
  if (score >= 90) return "A";
  if (score >= 80) return "B";
  if (score >= 70) return "C";
  if (score >= 60) return "D";
  return "F";
}

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

export type StatusCounts = Record<CheckStatus, number>;

export function emptyCounts(): StatusCounts {
  return { pass: 0, fail: 0, skip: 0, error: 0, exempt: 0 };
}

/** Per-check summaries from results counted by status per check id (checks without any get zeros). */
export function summariesFrom(
  checks: readonly CheckMeta[],
  counts: ReadonlyMap<string, StatusCounts>,
): CheckSummary[] {
  return checks.map((meta) => {
    const c = { ...(counts.get(meta.id) ?? emptyCounts()) };
    let worst: CheckStatus | null = null;
    for (const status of STATUSES)
      if (c[status] > 0 && (worst === null || STATUS_RANK[status] > STATUS_RANK[worst])) worst = status;
    const applicable = c.pass + c.fail;
    return { ...meta, counts: c, worst, passRatio: applicable > 0 ? c.pass / applicable : null };
  });
}

export function summarizeChecks(
  checks: readonly CheckMeta[],
  results: readonly CheckResult[],
): CheckSummary[] {
  const counts = new Map<string, StatusCounts>();
  for (const r of results) {
    let c = counts.get(r.checkId);
    if (!c) counts.set(r.checkId, (c = emptyCounts()));
    c[r.status]++;
  }
  return summariesFrom(checks, counts);
}

function part(summaries: readonly CheckSummary[], vacuous: ReadonlySet<string>): ScorePart {
  let weighted = 0;
  let total = 0;
  let scoredChecks = 0;
  let passed = 0;
  let failed = 0;
  for (const s of summaries) {
    passed += s.counts.pass;
    failed += s.counts.fail;
    const w = SEVERITY_WEIGHTS[s.severity];
    if (s.passRatio === null || w === 0 || vacuous.has(s.id)) continue;
    weighted += w * s.passRatio;
    total += w;
    scoredChecks++;
  }
  const score = total > 0 ? Math.round((100 * weighted) / total) : null;
  return { score, grade: gradeOf(score), scoredChecks, passed, failed };
}

/**
 * The engine's own score of a snapshot. With `evidence` (the snapshot's object and workload counts),
 * vacuous passes are left out and a score below the coverage rule gets no grade ("insufficient data").
 */
export function computeScore(
  summaries: readonly CheckSummary[],
  evidence?: SnapshotEvidence,
): ReadinessScore {
  const vacuous = new Set(summaries.filter((s) => isVacuousPass(s.id, s.counts, evidence)).map((s) => s.id));
  const categories = {} as Record<Category, ScorePart>;
  for (const c of CATEGORIES)
    categories[c] = part(
      summaries.filter((s) => s.category === c),
      vacuous,
    );
  const overall = part(summaries, vacuous);
  const weighted = summaries.filter((s) => SEVERITY_WEIGHTS[s.severity] > 0);
  const reasons = insufficientReasons({
    automatedTotal: weighted.length,
    scoredAutomated: overall.scoredChecks,
    scored: overall.scoredChecks,
    evidence,
    unit: "checks",
  });
  const coverage: ScoreCoverage = {
    sufficient: reasons.length === 0,
    reasons,
    total: summaries.length,
    scored: overall.scoredChecks,
    notApplicable: summaries.filter((s) => s.passRatio === null).length,
    vacuous: vacuous.size,
    objectsExamined: evidence?.objects ?? null,
    workloads: evidence?.workloads ?? null,
  };
  if (!coverage.sufficient) {
    overall.grade = null;
    for (const c of CATEGORIES) categories[c].grade = null;
  }
  return {
    ...overall,
    categories,
    coverage,
    weights: { ...SEVERITY_WEIGHTS },
    formula: SCORE_FORMULA,
  };
}

function sameObject(a: ObjectRef | null, b: ObjectRef | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return a.name === b.name && a.kind === b.kind && a.namespace === b.namespace;
}

/** Distinct objects by kind, namespace and name: nested maps spare building a key string per object. */
class ObjectSet {
  private readonly byKind = new Map<string, Map<string, Set<string>>>();
  size = 0;

  add(ref: ObjectRef | null): void {
    const kind = ref?.kind ?? "";
    let byNamespace = this.byKind.get(kind);
    if (!byNamespace) this.byKind.set(kind, (byNamespace = new Map<string, Set<string>>()));
    const namespace = ref?.namespace ?? "";
    let names = byNamespace.get(namespace);
    if (!names) byNamespace.set(namespace, (names = new Set<string>()));
    const before = names.size;
    names.add(ref?.name ?? "");
    this.size += names.size - before;
  }
}

/** Failing checks, most severe first, then by number of affected objects, then by id. */
export function computeFindings(
  summaries: readonly CheckSummary[],
  results: readonly CheckResult[],
): Finding[] {
  const byId = new Map<string, Finding>();
  const meta = new Map(summaries.map((s) => [s.id, s]));
  // runChecks emits each check's results in one run: the finding is looked up once per run, and the
  // objects of one finding are counted as they come (a workload's containers arrive one after another).
  let lastId: string | undefined;
  let m: CheckSummary | undefined;
  let f: Finding | undefined;
  const distinct = new Map<string, ObjectSet>();
  let seen = new ObjectSet();
  let last: ObjectRef | null | undefined;
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as CheckResult;
    if (r.status !== "fail") continue;
    if (r.checkId !== lastId) {
      lastId = r.checkId;
      m = meta.get(lastId);
      f = byId.get(lastId);
      if (m && !f) {
        f = {
          checkId: m.id,
          title: m.title,
          category: m.category,
          severity: r.severity,
          remediation: m.remediation,
          affectedCount: 0,
          affected: [],
        };
        byId.set(lastId, f);
      }
      seen = distinct.get(lastId) ?? new ObjectSet();
      distinct.set(lastId, seen);
      last = undefined;
    }
    if (!m || !f) continue;
    if (SEVERITY_RANK[r.severity] > SEVERITY_RANK[f.severity]) f.severity = r.severity;
    const object = r.object;
    f.affected.push(
      r.concern === undefined
        ? { object, message: r.message, severity: r.severity }
        : { object, message: r.message, severity: r.severity, concern: r.concern },
    );
    if (last === undefined || !sameObject(last, object)) {
      seen.add(object);
      last = object;
    }
  }
  const findings = [...byId.values()];
  for (const f of findings) f.affectedCount = distinct.get(f.checkId)?.size ?? 0;
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      b.affectedCount - a.affectedCount ||
      a.checkId.localeCompare(b.checkId),
  );
}

/** Affected results kept per finding where findings are listed beside their results (the report shows 25). */
export const AFFECTED_KEPT = 50;

/** A finding whose `affected` holds the first results only; `affectedListed` then says how many there are. */
export type ListedFinding = Finding & { affectedListed?: number };

/**
 * Findings with each `affected` list cut to its first `kept` results (the others carry `affectedListed`,
 * the whole count): what the stored analysis and the CLI's JSON keep. Each affected entry restates a
 * failing result, so where every failing result is listed anyway, nothing is lost.
 */
export function firstAffected(findings: readonly Finding[], kept = AFFECTED_KEPT): ListedFinding[] {
  return findings.map((f) =>
    f.affected.length > kept
      ? { ...f, affected: f.affected.slice(0, kept), affectedListed: f.affected.length }
      : f,
  );
}
