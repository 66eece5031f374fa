// The analysis configuration file (CLI --config; the same shape the web app stores for admin-managed
// settings): checks to disable, severity overrides, check parameters and exemption rules, plus optional CI
// thresholds and input limits. Validated with zod; every problem is reported with its path in the file.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { resolveParams } from "./checks/define";
import { CHECKS, getCheck } from "./checks/registry";
import type { AnalyzeOptions, ExemptionRule, Limits, Severity } from "./types";
import { SEVERITIES } from "./types";

const KNOWN = new Set(CHECKS.map((c) => c.id));
const checkId = z.string().refine((id) => KNOWN.has(id), { message: "unknown check id" });
const isoDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
  message: "expected an ISO-8601 date",
});

/**
 * Parameter values per check id (`single-replica: {minReplicas: 3}`), each checked against the check's
 * declared parameters; every unknown name and invalid value is reported at its path.
 */
export const ZCheckParams = z
  .record(checkId, z.record(z.string(), z.unknown()))
  .superRefine((params, ctx) => {
    for (const [id, given] of Object.entries(params)) {
      const check = getCheck(id);
      if (!check) continue;
      const resolved = resolveParams(check, given);
      if (resolved.ok) continue;
      for (const issue of resolved.issues)
        ctx.addIssue({ code: "custom", path: [id, issue.param], message: issue.message });
    }
  });

const ZExemption = z
  .object({
    checkId: z.union([checkId, z.literal("*")]),
    concern: z.string().min(1).optional(),
    namespace: z.string().min(1).optional(),
    kind: z.string().min(1).optional(),
    name: z.string().min(1).optional(),
    container: z.string().min(1).optional(),
    reason: z.string().trim().min(1, { message: "every exemption needs a reason" }),
    expires: z.union([isoDate, z.date().transform((d) => d.toISOString())]).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.concern === undefined) return;
    const concerns = getCheck(e.checkId)?.concerns ?? [];
    if (!concerns.includes(e.concern))
      ctx.addIssue({
        code: "custom",
        path: ["concern"],
        message:
          concerns.length > 0
            ? `${e.checkId} has the concerns ${concerns.join(", ")}`
            : `${e.checkId === "*" ? "every check" : e.checkId} has no concerns to target`,
      });
  });

const positiveInt = z.number().int().positive();

export const ZAnalysisConfig = z
  .object({
    disabled: z.array(checkId).default([]),
    severity: z.record(checkId, z.enum(SEVERITIES)).default({}),
    params: ZCheckParams.default({}),
    exemptions: z.array(ZExemption).default([]),
    failOn: z.union([z.enum(SEVERITIES), z.literal("none")]).optional(),
    failBelow: z.number().min(0).max(100).optional(),
    limits: z
      .object({
        maxBytes: positiveInt.optional(),
        maxObjects: positiveInt.optional(),
        maxAliasCount: z.number().int().min(0).optional(),
        maxDepth: positiveInt.optional(),
        maxArchiveEntries: positiveInt.optional(),
        maxEntryBytes: positiveInt.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type AnalysisConfigFile = z.input<typeof ZAnalysisConfig>;

export interface AnalysisConfig {
  options: AnalyzeOptions & { exemptions: ExemptionRule[] };
  failOn?: Severity | "none";
  failBelow?: number;
  limits: Partial<Limits>;
}

export class ConfigError extends Error {
  readonly issues: readonly string[];
  constructor(file: string, issues: readonly string[]) {
    super(`${file}: invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
    this.issues = issues;
  }
}

/** Validates an already parsed configuration value. */
export function toAnalysisConfig(value: unknown, file = "config"): AnalysisConfig {
  const parsed = ZAnalysisConfig.safeParse(value ?? {});
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`),
    );
  }
  const c = parsed.data;
  const exemptions: ExemptionRule[] = c.exemptions.map((e) => {
    const rule: ExemptionRule = { checkId: e.checkId, reason: e.reason };
    for (const key of ["concern", "namespace", "kind", "name", "container", "expires"] as const) {
      const v = e[key];
      if (v !== undefined) rule[key] = v;
    }
    return rule;
  });
  return {
    options: { disabled: c.disabled, severityOverrides: c.severity, params: c.params, exemptions },
    ...(c.failOn !== undefined ? { failOn: c.failOn } : {}),
    ...(c.failBelow !== undefined ? { failBelow: c.failBelow } : {}),
    limits: c.limits,
  };
}

/** Parses a YAML or JSON configuration file (YAML is a superset of JSON). */
export function parseAnalysisConfig(text: string, file = "config"): AnalysisConfig {
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ConfigError(file, [
      `not valid YAML or JSON: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
    ]);
  }
  return toAnalysisConfig(value, file);
}
