import type { Analysis, CheckInfo, LoadedSnapshot, ObjectRef } from "../engine";
import { CATEGORIES } from "../engine";

const MAX_AFFECTED = 5;

export function describeRef(ref: ObjectRef | null): string {
  if (!ref) return "cluster";
  const name = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return `${ref.kind} ${name}${ref.container ? ` [${ref.container}]` : ""}`;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

export function formatAnalysisText(label: string, snapshot: LoadedSnapshot, analysis: Analysis): string {
  const lines: string[] = [];
  const { score, findings } = analysis;
  const f = snapshot.facts;
  lines.push(`Kubeready report: ${label}`);
  const coverage = score.coverage;
  lines.push(
    score.score === null
      ? "Readiness score: n/a (no check applied to these objects)"
      : coverage && !coverage.sufficient
        ? `Readiness score: insufficient data (partial score ${score.score}/100, not graded)`
        : `Readiness score: ${score.score}/100 (grade ${score.grade ?? "?"})`,
  );
  if (coverage) {
    lines.push(
      `Coverage: ${coverage.scored} of ${coverage.total} checks scored · ${coverage.notApplicable} not applicable` +
        `${coverage.vacuous > 0 ? ` · ${coverage.vacuous} passing vacuously` : ""}` +
        ` · ${coverage.objectsExamined ?? f.objectCount} objects examined (${coverage.workloads ?? 0} workloads)`,
    );
    for (const reason of coverage.reasons) lines.push(`  not graded: ${reason}`);
  }
  const facts = [
    `${f.objectCount} objects`,
    f.kubernetesVersion
      ? `Kubernetes ${f.kubernetesVersion} (${f.kubernetesVersionSource ?? "?"})`
      : undefined,
    f.nodeCount > 0 ? `${f.nodeCount} nodes` : undefined,
    f.provider ? `provider ${f.provider}` : undefined,
    `${f.workloadCount} workloads`,
    f.isLive ? "live cluster dump" : "manifests",
  ].filter((s): s is string => s !== undefined);
  lines.push(`Snapshot: ${facts.join(", ")}`);
  lines.push("");
  lines.push("Categories:");
  for (const c of CATEGORIES) {
    const p = score.categories[c];
    const value = p.score === null ? "  n/a" : `${String(p.score).padStart(5)} ${p.grade ?? ""}`;
    lines.push(`  ${pad(c, 12)} ${value}  (${p.passed} passed, ${p.failed} failed)`);
  }
  lines.push("");
  if (findings.length === 0) {
    lines.push("No failing checks.");
  } else {
    lines.push(`Failing checks (${findings.length}, most important first):`);
    for (const finding of findings) {
      lines.push(
        `  [${finding.severity.toUpperCase()}] ${finding.checkId}: ${finding.title} (${finding.affectedCount} object${finding.affectedCount === 1 ? "" : "s"})`,
      );
      for (const a of finding.affected.slice(0, MAX_AFFECTED))
        lines.push(`      - ${describeRef(a.object)}: ${a.message}`);
      if (finding.affected.length > MAX_AFFECTED) {
        lines.push(`      … and ${finding.affected.length - MAX_AFFECTED} more`);
      }
      lines.push(`      fix: ${finding.remediation}`);
    }
  }
  const exempt = analysis.results.filter((r) => r.status === "exempt");
  if (exempt.length > 0) {
    lines.push("");
    lines.push(`Exempt results (${exempt.length}):`);
    for (const r of exempt.slice(0, 20)) {
      lines.push(`  - ${r.checkId} on ${describeRef(r.object)}: ${r.exemptReason ?? ""}`);
    }
  }
  const errors = analysis.results.filter((r) => r.status === "error");
  if (errors.length > 0) {
    lines.push("");
    lines.push(`Checks that could not run (${errors.length}):`);
    for (const r of errors) lines.push(`  - ${r.checkId}: ${r.message}`);
  }
  if (snapshot.warnings.length > 0) {
    lines.push("");
    lines.push(`Skipped input (${snapshot.warnings.length}):`);
    for (const w of snapshot.warnings.slice(0, 20)) {
      lines.push(
        `  - ${w.file}${w.document !== undefined ? ` document ${w.document + 1}` : ""}: ${w.message}`,
      );
    }
  }
  const r = snapshot.redactions;
  lines.push("");
  lines.push(
    `Redacted: ${r.secretsRedacted} Secrets (${r.certificatesParsed} certificates kept as facts), ${r.envValuesRedacted} env values, ${r.configMapValuesRedacted} ConfigMap values, ${r.lastAppliedAnnotationsDropped} last-applied annotations.`,
  );
  return lines.join("\n") + "\n";
}

/** "minReplicas (default 2): …" lines of a check's parameters. */
function paramLines(c: CheckInfo): string[] {
  return c.params.map((p) => `\`${p.name}\` (default \`${JSON.stringify(p.default)}\`): ${p.description}`);
}

export function formatCatalogueText(checks: readonly CheckInfo[]): string {
  const lines = [`${checks.length} checks:`, ""];
  for (const c of checks) {
    lines.push(`${c.id}  [${c.category}, ${c.severity}]`);
    lines.push(`  ${c.title}`);
    lines.push(`  judges: ${c.scope}`);
    lines.push(`  why: ${c.rationale}`);
    lines.push(`  fix: ${c.remediation}`);
    for (const p of paramLines(c)) lines.push(`  param ${p.replace(/`/g, "")}`);
    if (c.concerns.length > 0) lines.push(`  concerns: ${c.concerns.join(", ")}`);
    lines.push("");
  }
  return lines.join("\n");
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The catalogue as Markdown: a summary table per category, then one section per check. */
export function formatCatalogueMarkdown(checks: readonly CheckInfo[]): string {
  const lines = [
    "# Kubeready checks",
    "",
    "<!-- Generated from the check registry by scripts/gen-check-docs.ts; do not edit by hand. -->",
    "",
    `${checks.length} checks. Severities: critical, high, medium, low, info. Exempt an object with the`,
    "`kubeready.io/exempt: <check-id>[,<check-id>…]` annotation (or `*`) and a `kubeready.io/exempt-reason`,",
    "or with exemption rules in a `--config` file. `<check-id>:<concern>` (and an exemption rule's `concern`)",
    "exempts only that part of a bundled check. Parameters are set per check in a `--config` file",
    "(`params: {single-replica: {minReplicas: 3}}`) or on a checklist item (`params: {minReplicas: 3}`).",
    "",
  ];
  for (const category of CATEGORIES) {
    const inCategory = checks.filter((c) => c.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`## ${category[0]?.toUpperCase() ?? ""}${category.slice(1)} (${inCategory.length})`, "");
    lines.push("| Check | Severity | Title |", "|---|---|---|");
    for (const c of inCategory)
      lines.push(`| [\`${c.id}\`](#${c.id}) | ${c.severity} | ${escapeCell(c.title)} |`);
    lines.push("");
    for (const c of inCategory) {
      lines.push(`### ${c.id}`, "", `**${c.title}** — ${c.category}, ${c.severity}`, "");
      lines.push(`Judges: ${c.scope}.`, "", `Why: ${c.rationale}`, "", `Fix: ${c.remediation}`, "");
      const params = paramLines(c);
      if (params.length > 0) lines.push("Parameters:", "", ...params.map((p) => `- ${p}`), "");
      if (c.concerns.length > 0)
        lines.push(
          `Concerns (named in each result's \`concern\`): ${c.concerns.map((x) => `\`${x}\``).join(", ")}.`,
          "",
        );
      lines.push(...c.references.map((r) => `- <${r}>`), "");
    }
  }
  return lines.join("\n");
}
