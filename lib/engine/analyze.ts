import { buildContext } from "./checks/context";
import { CHECKS } from "./checks/registry";
import { evaluateChecks } from "./checks/run";
import { computeFindings, computeScore, summariesFrom } from "./score";
import type { Analysis, AnalyzeInput, AnalyzeOptions, CheckMeta } from "./types";

/** The catalogue (metadata of every registered check), in report order. */
export function checkCatalogue(): CheckMeta[] {
  return CHECKS.map(({ id, title, category, severity, rationale, remediation, references }) => ({
    id,
    title,
    category,
    severity,
    rationale,
    remediation,
    references: [...references],
  }));
}

/** Runs every enabled check on a loaded snapshot. Never throws for any snapshot loadSnapshot returned. */
export function analyze(snapshot: AnalyzeInput, opts: AnalyzeOptions = {}): Analysis {
  const now = opts.now ?? new Date();
  const ctx = buildContext(snapshot, now);
  const { results, counts } = evaluateChecks(CHECKS, ctx, opts);
  const disabled = new Set(opts.disabled ?? []);
  const metas = checkCatalogue()
    .filter((c) => !disabled.has(c.id))
    .map((c) => ({ ...c, severity: opts.severityOverrides?.[c.id] ?? c.severity }));
  const checks = summariesFrom(metas, counts);
  // Workloads by shape (anything carrying a pod spec, de-duplicated), not facts.workloadCount's kinds.
  const evidence = { objects: snapshot.facts.objectCount, workloads: ctx.workloads.length };
  return {
    results,
    checks,
    score: computeScore(checks, evidence),
    findings: computeFindings(checks, results),
  };
}
