// Report exports: Markdown (for tickets and wikis) and CSV of failing findings (for spreadsheets).
// Pure functions of the report DTO, shared by the in-app download and the API's ?format=.
// Names, namespaces, messages and notes come from uploaded objects and users: both formats treat them
// as hostile (a spreadsheet formula, raw HTML or a javascript: link in a Markdown viewer).
import { INSUFFICIENT_LABEL, type ChecklistCoverage } from "@/lib/engine/checklist/score";
import { recommendationDescriptions, verdictLabels } from "@/lib/engine/heuristic/need-kubernetes";
import { CATEGORIES, type ObjectRef } from "@/lib/engine/types";
import type { Report } from "@/lib/server/reports";
import { questionText } from "./questions";

function objectLabel(o: ObjectRef | null): string {
  if (!o) return "cluster";
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}${o.container ? ` [${o.container}]` : ""}`;
}

/**
 * Text as Markdown that renders as exactly this text. HTML specials become entities (no tags, no
 * <autolinks>); inline metacharacters are backslash-escaped: no links, images, emphasis, code, math or
 * heading closing sequence, no GFM autolink from a bare URL, www. or e-mail address, and a pipe cannot
 * end a table cell. Line breaks become spaces, so no new block can start (heading, list, HTML block,
 * link definition): `-`, `+` and `.` can stay as they are.
 */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029]+/g, " ")
    .replace(/[\\`*_[\]()#|~$:@]/g, "\\$&")
    .replace(/(www)\./gi, "$1\\.")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * A code span holding exactly `s`: the fence is longer than any backtick run inside, and padding keeps
 * a leading or trailing backtick from joining the fence. Code spans render HTML as text.
 */
export function mdCode(s: string): string {
  const text = s.replace(/[\r\n\u2028\u2029]+/g, " ");
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The coverage sentence the report page shows, in the same words. */
export function coverageText(c: ChecklistCoverage): string {
  return [
    `${c.scored} of ${c.total} items scored`,
    `${c.notApplicable} not applicable`,
    `${c.unanswered} unanswered`,
    ...(c.vacuous > 0 ? [`${c.vacuous} passing vacuously`] : []),
    ...(c.leftOut > 0 ? [`${c.leftOut} exempt or errored`] : []),
    c.objectsExamined === null
      ? "no snapshot yet"
      : `${c.objectsExamined} objects examined (${c.workloads ?? 0} workloads)`,
  ].join(" · ");
}

export function reportToMarkdown(report: Report): string {
  const need = report.needKubernetes;
  const r = report.readiness;
  const lines: string[] = [
    `# ${mdText(report.assessment.name)}${report.assessment.team ? ` (${mdText(report.assessment.team)})` : ""}`,
    "",
    `Generated ${report.generatedAt} by Kubeready.`,
    "",
    "## Do you need Kubernetes?",
    "",
    need.recommendation
      ? `**${verdictLabels[need.verdict]}** — score ${need.score}/100. Recommendation: ${recommendationDescriptions[need.recommendation].label}.`
      : `**${verdictLabels[need.verdict]}** — ${need.coverage.known} of ${need.coverage.total} core questions answered, at least ${need.coverage.minimum} needed. No recommendation yet.`,
    "",
    ...need.toVerdict.map((t) => `- ${mdText(t)}`),
    ...(need.toVerdict.length > 0 ? [""] : []),
    "| Factor | Points | Why |",
    "| --- | ---: | --- |",
    ...need.factors.map(
      (f) =>
        `| ${mdText(f.label)} | ${f.effect > 0 ? `+${f.effect}` : f.effect} | ${mdText(f.explanation)} |`,
    ),
    "",
  ];
  if (need.missing.length > 0) {
    lines.push("Unanswered:", "", ...need.missing.map((id) => `- ${mdText(questionText(id))}`), "");
  }
  if (report.verdictChanges.length > 0) {
    lines.push(
      "What would change the verdict:",
      "",
      ...report.verdictChanges.map((c) => `- ${mdText(c.summary)}`),
      "",
    );
  }
  lines.push("## Production readiness", "");
  if (report.snapshot) {
    const { filename, objectCount, uploadedAt } = report.snapshot;
    lines.push(
      `Latest snapshot: ${mdText(filename)}, ${objectCount} objects, uploaded ${new Date(uploadedAt).toISOString()}.`,
      "",
    );
  }
  if (!r || !report.checklist) {
    lines.push("Not scored: no published checklist.", "");
  } else {
    lines.push(
      r.coverage.sufficient
        ? `**${r.score ?? "—"}/100${r.grade ? ` (${r.grade})` : ""}**, scored with ${mdText(report.checklist.name)} version ${report.checklist.number}.`
        : `**${INSUFFICIENT_LABEL}**, scored with ${mdText(report.checklist.name)} version ${report.checklist.number}.${r.score === null ? "" : ` Partial score ${r.score}/100, not graded.`}`,
      "",
      `Coverage: ${coverageText(r.coverage)}.`,
      "",
      ...r.coverage.reasons.map((reason) => `- ${mdText(reason)}`),
      ...(r.coverage.reasons.length > 0 ? [""] : []),
      "| Category | Score |",
      "| --- | ---: |",
      ...CATEGORIES.map((c) => `| ${c} | ${r.categories[c].score ?? "n/a"} |`),
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
      `${i + 1}. **[${f.severity.toUpperCase()}] ${mdText(f.title)}** — ${f.affectedCount} object(s). ${mdText(f.remediation)}`,
      ...f.affected.slice(0, 10).map((a) => `   - ${mdCode(objectLabel(a.object))}: ${mdText(a.message)}`),
      ...((f.affectedListed ?? f.affected.length) > 10
        ? [`   - … and ${(f.affectedListed ?? f.affected.length) - 10} more`]
        : []),
    );
  });
  const manual = r?.items.filter((i) => i.kind === "manual") ?? [];
  if (manual.length > 0) {
    lines.push("", "## Manual checklist items", "", "| Item | Answer | Evidence |", "| --- | --- | --- |");
    for (const i of manual)
      lines.push(
        `| ${mdText(i.title)} | ${i.answer?.answer ?? "unanswered"} | ${mdText(i.answer?.note ?? "")} |`,
      );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * One CSV field. Spreadsheets run a cell that starts with = + - @ (or tab / CR, which they skip) as a
 * formula: every such cell gets a leading `'`, per OWASP's CSV injection guidance, then RFC 4180 quoting.
 */
export function csvField(v: string | number): string {
  const raw = String(v);
  const s = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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
