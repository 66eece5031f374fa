import type { AnalyzeOptions, CheckResult, ExemptionRule, K8sObject, ObjectRef, Severity } from "../types";
import type { Check, CheckContext, OutcomeSink } from "./types";
import { emptyCounts, type StatusCounts } from "../score";
import { resolveParams } from "./define";
import { objectKey } from "./workloads";

export const EXEMPT_ANNOTATION = "kubeready.io/exempt";
export const EXEMPT_REASON_ANNOTATION = "kubeready.io/exempt-reason";

interface Exemption {
  /** Check ids, or `check-id:concern` for one part of a bundled check. */
  ids: ReadonlySet<string> | "*";
  reason: string;
}

function parseExemption(annotations: Record<string, string> | undefined): Exemption | undefined {
  const raw = annotations?.[EXEMPT_ANNOTATION];
  if (raw === undefined) return undefined;
  const ids = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const reason = annotations?.[EXEMPT_REASON_ANNOTATION]?.trim() || "no reason given";
  return { ids: ids.includes("*") ? "*" : new Set(ids), reason };
}

/** Annotation exemptions by object, from the object's own metadata or its pod template's. */
function annotationExemptions(ctx: CheckContext): Map<string, Exemption[]> {
  const out = new Map<string, Exemption[]>();
  const add = (obj: K8sObject, e: Exemption | undefined) => {
    if (!e) return;
    const key = objectKey(obj.kind, obj.metadata.namespace, obj.metadata.name);
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  };
  for (const obj of ctx.objects) {
    if (obj.metadata.annotations?.[EXEMPT_ANNOTATION] !== undefined)
      add(obj, parseExemption(obj.metadata.annotations));
  }
  for (const w of ctx.templates) {
    if (w.kind !== "Pod" && w.podAnnotations[EXEMPT_ANNOTATION] !== undefined)
      add(w.object, parseExemption(w.podAnnotations));
  }
  return out;
}

/** Compiles a glob (`*`, `?`) into a whole-string matcher; plain strings compare exactly. */
export function globMatcher(pattern: string): (value: string | undefined) => boolean {
  if (!/[*?]/.test(pattern)) return (v) => v === pattern;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  const re = new RegExp(`^${source}$`);
  return (v) => v !== undefined && re.test(v);
}

interface CompiledRule {
  rule: ExemptionRule;
  test: (checkId: string, ref: ObjectRef, concern: string | undefined) => boolean;
}

function compileRules(rules: readonly ExemptionRule[], now: Date): CompiledRule[] {
  return rules
    .filter((r) => r.expires === undefined || !(Date.parse(r.expires) <= now.getTime()))
    .map((rule) => {
      const any = () => true;
      const ns = rule.namespace === undefined ? any : globMatcher(rule.namespace);
      const name = rule.name === undefined ? any : globMatcher(rule.name);
      const container = rule.container === undefined ? any : globMatcher(rule.container);
      return {
        rule,
        test: (checkId, ref, concern) =>
          (rule.checkId === "*" || rule.checkId === checkId) &&
          (rule.concern === undefined || rule.concern === concern) &&
          (rule.kind === undefined || rule.kind === ref.kind) &&
          ns(ref.namespace) &&
          name(ref.name) &&
          container(ref.container),
      };
    });
}

export interface CheckRuns {
  /** The results kept (all, or only notable ones), check by check in registry order. */
  results: CheckResult[];
  /** Every result counted by status, per check id (kept or not). */
  counts: Map<string, StatusCounts>;
}

/**
 * Runs checks in registry order; a throwing evaluator yields one `error` result and nothing else.
 * Results are counted as they come, so that summaries need not read them again; when only notable results
 * are wanted, passing and skipped ones are only counted (not built, or dropped at once if an exemption
 * might have applied).
 */
export function evaluateChecks(checks: readonly Check[], ctx: CheckContext, opts: AnalyzeOptions): CheckRuns {
  const disabled = new Set(opts.disabled ?? []);
  const exemptions = annotationExemptions(ctx);
  const rules = compileRules(opts.exemptions ?? [], ctx.now);
  const exempting = exemptions.size > 0 || rules.length > 0;
  const keepAll = opts.results !== "notable";
  const results: CheckResult[] = [];
  const counts = new Map<string, StatusCounts>();
  const total = checks.filter((c) => !disabled.has(c.id)).length;
  let done = 0;
  for (const check of checks) {
    if (disabled.has(check.id)) continue;
    if (done > 0) opts.onCheck?.(done, total);
    done++;
    const checkId = check.id;
    const severity: Severity = opts.severityOverrides?.[checkId] ?? check.severity;
    const tally = emptyCounts();
    counts.set(checkId, tally);
    const params = resolveParams(check, opts.params?.[checkId]);
    const kept = results.length;
    const sink: OutcomeSink = {
      // A passing result may still turn out exempt, so it is built whenever exemptions apply.
      wants: (status) => keepAll || status === "fail" || (status === "pass" && exempting),
      count: (status) => void tally[status]++,
      add: (outcome) => {
        const result: CheckResult = outcome;
        if (exempting && result.object && result.status !== "skip") {
          const ref = result.object;
          const concern = result.concern;
          const annotated = exemptions
            .get(objectKey(ref.kind, ref.namespace, ref.name))
            ?.find(
              (x) =>
                x.ids === "*" ||
                x.ids.has(checkId) ||
                (concern !== undefined && x.ids.has(`${checkId}:${concern}`)),
            );
          const reason = annotated?.reason ?? rules.find((r) => r.test(checkId, ref, concern))?.rule.reason;
          if (reason !== undefined) {
            result.status = "exempt";
            result.exemptReason = reason;
          }
        }
        tally[result.status]++;
        if (keepAll || (result.status !== "pass" && result.status !== "skip")) results.push(result);
      },
    };
    try {
      if (!params.ok)
        throw new Error(
          `invalid parameters: ${params.issues.map((i) => `${i.param}: ${i.message}`).join("; ")}`,
        );
      check.evaluate(ctx, { severity, params: params.values }, sink);
    } catch (e) {
      // What the check emitted before it threw is taken back.
      results.length = kept;
      Object.assign(tally, emptyCounts());
      const message = e instanceof Error ? e.message : String(e);
      results.push({ checkId, status: "error", severity, message: `check failed: ${message}`, object: null });
      tally.error++;
    }
  }
  opts.onCheck?.(done, total);
  return { results, counts };
}

/** Every result of the checks, in registry order (see evaluateChecks). */
export function runChecks(checks: readonly Check[], ctx: CheckContext, opts: AnalyzeOptions): CheckResult[] {
  return evaluateChecks(checks, ctx, { ...opts, results: "all" }).results;
}
