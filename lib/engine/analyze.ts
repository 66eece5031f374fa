import { buildContext } from "./checks/context";
import { CHECKS } from "./checks/registry";
import type { Check, Scope } from "./checks/types";
import { evaluateChecks } from "./checks/run";
import { computeFindings, computeScore, summariesFrom } from "./score";
import type { Analysis, AnalyzeInput, AnalyzeOptions, CheckInfo, CheckMeta } from "./types";

function metaOf({ id, title, category, severity, rationale, remediation, references }: Check): CheckMeta {
  return { id, title, category, severity, rationale, remediation, references: [...references] };
}

function describeScope(scope: Scope): string {
  switch (scope.type) {
    case "kinds":
      return scope.kinds === "*" ? "every object" : `each ${scope.kinds.join(", ")}`;
    case "workload":
      return scope.specless
        ? "each object of a workload kind, with or without a pod spec"
        : "each workload (any object with a pod template)";
    case "container":
      return scope.containers === "regular"
        ? "each container of each workload"
        : scope.containers === "runtime"
          ? "each container of each workload, init containers included"
          : "each container of each workload, init and ephemeral containers included";
    case "binding":
      return "each RoleBinding and ClusterRoleBinding (who gets what, where)";
    case "cluster":
      return "the cluster as a whole";
  }
}

/** The catalogue (every registered check: metadata, scope, parameters, concerns), in report order. */
export function checkCatalogue(): CheckInfo[] {
  return CHECKS.map((c) => ({
    ...metaOf(c),
    scope: describeScope(c.scope),
    params: Object.entries(c.params).map(([name, p]) => ({
      name,
      default: p.default,
      description: p.description,
    })),
    concerns: [...c.concerns],
  }));
}

/** Runs every enabled check on a loaded snapshot. Never throws for any snapshot loadSnapshot returned. */
export function analyze(snapshot: AnalyzeInput, opts: AnalyzeOptions = {}): Analysis {
  const now = opts.now ?? new Date();
  const ctx = buildContext(snapshot, now);
  const { results, counts } = evaluateChecks(CHECKS, ctx, opts);
  const disabled = new Set(opts.disabled ?? []);
  const metas = CHECKS.filter((c) => !disabled.has(c.id)).map((c) => ({
    ...metaOf(c),
    severity: opts.severityOverrides?.[c.id] ?? c.severity,
  }));
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
