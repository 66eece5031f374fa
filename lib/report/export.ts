// Report exports: Markdown (for tickets and wikis) and CSV of failing findings (for spreadsheets).
// Pure functions of the report DTO, shared by the in-app download and the API's ?format=.
import { recommendationDescriptions, verdictLabels } from "@/lib/engine/heuristic/need-kubernetes";
import { CATEGORIES, type ObjectRef } from "@/lib/engine/types";
import type { Report } from "@/lib/server/reports";

function objectLabel(o: ObjectRef | null): string {
  if (!o) return "cluster";
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}${o.container ? ` [${o.container}]` : ""}`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function reportToMarkdown(report: Report): string {
  const need = report.needKubernetes;
  const r = report.readiness;
  const lines: string[] = [
    `# ${report.assessment.name}${report.assessment.team ? ` (${report.assessment.team})` : ""}`,
    "",
    `Generated ${report.generatedAt} by Kubeready.`,
    "",
    "## Do you need Kubernetes?",
    "",
    `**${verdictLabels[need.verdict]}** — score ${need.score}/100. Recommendation: ${recommendationDescriptions[need.recommendation].label}.`,
    "",
    "| Factor | Points | Why |",
    "| --- | ---: | --- |",
    ...need.factors.map(
      (f) => `| ${cell(f.label)} | ${f.effect > 0 ? `+${f.effect}` : f.effect} | ${cell(f.explanation)} |`,
    ),
    "",
  ];
  if (need.missing.length > 0) lines.push(`Unanswered: ${need.missing.join(", ")}.`, "");
  lines.push("## Production readiness", "");
  if (!r || !report.checklist) {
    lines.push("Not scored: no published checklist.", "");
  } else {
    lines.push(
      `**${r.score ?? "—"}/100${r.grade ? ` (${r.grade})` : ""}**, scored with ${report.checklist.name} version ${report.checklist.number}.`,
      "",
      "| Category | Score |",
      "| --- | ---: |",
      ...CATEGORIES.map((c) => `| ${c} | ${r.categories[c].score ?? "n/a"} |`),
      "",
      `${r.counts.scored} of ${r.counts.total} items scored; ${r.counts.unanswered} unanswered, ${r.counts["not-applicable"]} not applicable, ${r.counts.exempt} exempt.`,
      "",
      `_${r.formula}_`,
      "",
    );
  }
  lines.push("## Action plan", "");
  if (report.findings.length === 0)
    lines.push(report.snapshot ? "No failing checks." : "No snapshot uploaded yet.", "");
  report.findings.forEach((f, i) => {
    lines.push(
      `${i + 1}. **[${f.severity.toUpperCase()}] ${f.title}** — ${f.affectedCount} object(s). ${f.remediation}`,
      ...f.affected.slice(0, 10).map((a) => `   - \`${objectLabel(a.object)}\`: ${a.message}`),
      ...(f.affected.length > 10 ? [`   - … and ${f.affected.length - 10} more`] : []),
    );
  });
  const manual = r?.items.filter((i) => i.kind === "manual") ?? [];
  if (manual.length > 0) {
    lines.push("", "## Manual checklist items", "", "| Item | Answer | Evidence |", "| --- | --- | --- |");
    for (const i of manual)
      lines.push(
        `| ${cell(i.title)} | ${i.answer?.answer ?? "unanswered"} | ${cell(i.answer?.note ?? "")} |`,
      );
  }
  return `${lines.join("\n")}\n`;
}

const csvField = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per failing object: what a team filters and assigns in a spreadsheet. */
export function findingsToCsv(report: Report): string {
  const rows: (string | number)[][] = [
    [
      "severity",
      "check",
      "title",
      "category",
      "kind",
      "namespace",
      "name",
      "container",
      "message",
      "remediation",
    ],
  ];
  for (const f of report.findings) {
    for (const a of f.affected) {
      rows.push([
        f.severity,
        f.checkId,
        f.title,
        f.category,
        a.object?.kind ?? "",
        a.object?.namespace ?? "",
        a.object?.name ?? "",
        a.object?.container ?? "",
        a.message,
        f.remediation,
      ]);
    }
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
