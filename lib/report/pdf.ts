// The report as a PDF laid out for paper: a summary page, the action plan, findings by severity with
// their objects, and an appendix (checklist, manual items, exemptions, how scores are computed,
// coverage). A pure function of the same report DTO the page, JSON, Markdown, CSV and SARIF use.
//
// pdfkit, not a headless browser or @react-pdf/renderer: the production image has no Chromium, pdfkit is
// plain JavaScript with no native parts (fontkit for TrueType, fflate for compression), it embeds and
// subsets TrueType fonts (text stays real, selectable text with a ToUnicode map), and it writes
// hundreds of pages per second, where @react-pdf's layout engine (yoga) is several times slower on long
// listings. Fonts: DejaVu Sans (npm `dejavu-fonts-ttf`), which covers Latin, Greek and Cyrillic names;
// a character it lacks prints as an empty box, never as a crash or another character.
//
// Bounded: each check lists at most PDF_OBJECTS_PER_CHECK failing results, then "and N more, see the
// CSV", so a 20,000-object snapshot gives tens of pages, not thousands.
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { INSUFFICIENT_LABEL } from "@/lib/engine/checklist/score";
import { recommendationDescriptions, verdictLabels } from "@/lib/engine/heuristic/need-kubernetes";
import { CATEGORIES, SEVERITIES, type ObjectRef, type Severity } from "@/lib/engine/types";
import type { Report } from "@/lib/server/reports";
import { coverageText } from "./export";
import { questionText } from "./questions";
import { changeSincePrevious } from "./summary";

/** Failing results listed per check; the CSV download lists every one. */
export const PDF_OBJECTS_PER_CHECK = 25;

const FONT_DIR = "node_modules/dejavu-fonts-ttf/ttf";
/** The font files the PDF embeds, relative to the app's root (the standalone build copies them). */
export const PDF_FONT_FILES = [`${FONT_DIR}/DejaVuSans.ttf`, `${FONT_DIR}/DejaVuSans-Bold.ttf`];

let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(path.join(process.cwd(), PDF_FONT_FILES[0]!)),
    bold: readFileSync(path.join(process.cwd(), PDF_FONT_FILES[1]!)),
  };
  return fonts;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
const SEVERITY_COLOUR: Record<Severity, string> = {
  critical: "#9f1239",
  high: "#b91c1c",
  medium: "#b45309",
  low: "#1d4ed8",
  info: "#475569",
};
const INK = "#0f172a";
const MUTED = "#475569";
const RULE = "#cbd5e1";

const MARGIN = 56;
/** The running header and page number sit in the top and bottom margins. */
const HEADER_Y = 28;

/**
 * Text as it may be printed: control characters (from object names, notes, messages) become spaces,
 * and lone surrogates are dropped, so nothing in the input can break the text layout or the font's map.
 */
export function pdfText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
}

function objectLabel(o: ObjectRef | null): string {
  if (!o) return "cluster";
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}${o.container ? ` [${o.container}]` : ""}`;
}

const utc = (d: Date | string) => new Date(d).toISOString().slice(0, 16).replace("T", " ") + " UTC";
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Failing checks, most severe first, then the most affected objects: the order work should be done. */
export function actionOrder(findings: Report["findings"]): Report["findings"] {
  return [...findings].sort(
    (a, b) =>
      RANK[b.severity] - RANK[a.severity] ||
      b.affectedCount - a.affectedCount ||
      a.title.localeCompare(b.title),
  );
}

type Doc = InstanceType<typeof PDFDocument>;

class Writer {
  readonly doc: Doc;
  private readonly width: number;

  constructor(report: Report) {
    const f = loadFonts();
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      // No default font: pdfkit would load Helvetica (unused here) through a package import that a
      // bundle cannot resolve. The first page comes after the fonts are registered.
      font: null as unknown as string,
      autoFirstPage: false,
      info: {
        Title: pdfText(`${report.assessment.name}: Kubernetes readiness report`),
        Author: "Kubeready",
        Subject: "Production readiness report",
        CreationDate: new Date(report.generatedAt),
      },
      lang: "en",
      displayTitle: true,
    });
    // Registered by name, and not also given as the document's default font: pdfkit caches a font by
    // the name it was first opened under, so the same file under two names is re-parsed on every switch.
    this.doc.registerFont("regular", f.regular);
    this.doc.registerFont("bold", f.bold);
    this.doc.font("regular");
    this.doc.addPage();
    this.doc.fillColor(INK);
    this.width = this.doc.page.width - MARGIN * 2;
  }

  h1(text: string) {
    this.doc.font("bold").fontSize(18).fillColor(INK).text(pdfText(text), { width: this.width });
    this.doc.moveDown(0.4);
  }

  h2(text: string, colour = INK) {
    this.ensure(60);
    this.doc.moveDown(0.6);
    this.doc.font("bold").fontSize(13).fillColor(colour).text(pdfText(text), { width: this.width });
    this.doc.moveDown(0.3);
  }

  h3(text: string, colour = INK) {
    this.ensure(40);
    this.doc.moveDown(0.4);
    this.doc.font("bold").fontSize(10.5).fillColor(colour).text(pdfText(text), { width: this.width });
  }

  p(text: string, o: { size?: number; colour?: string; bold?: boolean; indent?: number } = {}) {
    const indent = o.indent ?? 0;
    this.doc
      .font(o.bold ? "bold" : "regular")
      .fontSize(o.size ?? 9.5)
      .fillColor(o.colour ?? INK)
      .text(pdfText(text), this.doc.page.margins.left + indent, undefined, { width: this.width - indent });
  }

  bullet(text: string, indent = 10, o: { size?: number; colour?: string } = {}) {
    this.p(`•  ${text}`, { indent, ...o });
  }

  /** Label and value on one line, for the summary's facts. */
  fact(label: string, value: string) {
    const x = this.doc.page.margins.left;
    this.ensure(16);
    const y = this.doc.y;
    this.doc.font("bold").fontSize(9.5).fillColor(MUTED).text(pdfText(label), x, y, { width: 150 });
    const after = this.doc.y;
    this.doc
      .font("regular")
      .fillColor(INK)
      .text(pdfText(value), x + 155, y, { width: this.width - 155 });
    this.doc.y = Math.max(after, this.doc.y) + 2;
    this.doc.x = x;
  }

  gap(lines = 0.5) {
    this.doc.moveDown(lines);
  }

  rule() {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    this.doc.y = y + 6;
  }

  newPage() {
    this.doc.addPage();
  }

  /** Starts a new page unless `height` points still fit on this one (keeps headings with their text). */
  ensure(height: number) {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.newPage();
  }

  /** The running header (assessment, snapshot date) and "Page n of N" on every page. */
  decorate(header: string) {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { margins } = this.doc.page;
      // Writing into the margins: without this pdfkit would think the page full and add one.
      const bottom = margins.bottom;
      margins.bottom = 0;
      this.doc
        .font("regular")
        .fontSize(8)
        .fillColor(MUTED)
        .text(pdfText(header), MARGIN, HEADER_Y, { width: this.width - 90, lineBreak: false, ellipsis: true })
        .text("Kubeready report", MARGIN + this.width - 90, HEADER_Y, { width: 90, align: "right" })
        .text(`Page ${i + 1} of ${range.count}`, MARGIN, this.doc.page.height - HEADER_Y - 8, {
          width: this.width,
          align: "center",
        });
      this.doc
        .moveTo(MARGIN, HEADER_Y + 12)
        .lineTo(MARGIN + this.width, HEADER_Y + 12)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      margins.bottom = bottom;
    }
  }
}

/** The document's running header: the assessment and the snapshot it grades. */
export function runningHeader(report: Report): string {
  const snap = report.snapshot;
  return `${report.assessment.name} · ${snap ? `snapshot of ${utc(snap.uploadedAt)}` : "no snapshot yet"}`;
}

function summaryPage(w: Writer, report: Report) {
  const r = report.readiness;
  const need = report.needKubernetes;
  const snap = report.snapshot;
  w.h1(report.assessment.name);
  w.p(
    `${report.assessment.team ? `Team ${report.assessment.team} · ` : ""}Generated ${utc(report.generatedAt)} by Kubeready`,
    { colour: MUTED },
  );
  w.gap(0.6);
  w.rule();

  w.h2("Summary");
  if (!r || !report.checklist) {
    w.fact("Readiness", "Not scored: no published checklist.");
  } else if (r.coverage.sufficient) {
    w.fact("Readiness", `Grade ${r.grade ?? "—"} · ${r.score ?? "—"}/100`);
  } else {
    w.fact(
      "Readiness",
      `${INSUFFICIENT_LABEL}${r.score === null ? "" : ` · partial score ${r.score}/100, not graded`}`,
    );
  }
  if (r) w.fact("Coverage", coverageText(r.coverage));
  w.fact("Need Kubernetes?", verdictLabels[need.verdict]);
  w.fact(
    "Recommendation",
    need.recommendation
      ? `${recommendationDescriptions[need.recommendation].label} (score ${need.score}/100)`
      : `None yet: ${need.coverage.known} of ${need.coverage.total} core questions answered, at least ${need.coverage.minimum} needed.`,
  );
  const bySeverity = SEVERITIES.map((s) => [s, report.findings.filter((f) => f.severity === s)] as const);
  w.fact(
    "Failing checks",
    report.findings.length === 0
      ? report.snapshot
        ? "none"
        : "no snapshot uploaded yet"
      : `${report.findings.length} — ${bySeverity
          .filter(([, list]) => list.length > 0)
          .map(([s, list]) => `${list.length} ${s}`)
          .join(", ")}`,
  );
  w.fact(
    "Objects examined",
    snap ? `${snap.objectCount.toLocaleString("en-US")} in ${snap.name ?? snap.filename}` : "no snapshot yet",
  );
  if (snap) w.fact("Snapshot uploaded", utc(snap.uploadedAt));
  if (report.checklist) w.fact("Checklist", `${report.checklist.name} version ${report.checklist.number}`);
  const change = changeSincePrevious(report);
  if (change)
    w.fact(
      "Since previous snapshot",
      `${change.delta > 0 ? "+" : ""}${change.delta} points (report of ${utc(change.since)})`,
    );
  if (report.refreshing)
    w.p("The readiness shown is being recomputed (newer engine or changed exemptions).", {
      colour: MUTED,
    });

  if (r && !r.coverage.sufficient && r.coverage.reasons.length > 0) {
    w.h3("Why no grade");
    for (const reason of r.coverage.reasons) w.bullet(reason);
  }

  if (r) {
    w.h2("Scores by category");
    for (const c of CATEGORIES) {
      const part = r.categories[c];
      w.fact(c, part.score === null ? "n/a" : `${part.score}/100${part.grade ? ` (${part.grade})` : ""}`);
    }
  }

  if (bySeverity.some(([, list]) => list.length > 0)) {
    w.h2("Failing checks by severity");
    for (const [s, list] of bySeverity) {
      if (list.length === 0) continue;
      const objects = list.reduce((n, f) => n + f.affectedCount, 0);
      w.fact(
        s.toUpperCase(),
        `${plural(list.length, "check")}, ${plural(objects, "failing object")} in all (an object counts once per check)`,
      );
    }
  }

  if (need.toVerdict.length > 0 || report.verdictChanges.length > 0) {
    w.h2("Do you need Kubernetes?");
    for (const t of need.toVerdict) w.bullet(t);
    if (report.verdictChanges.length > 0) {
      w.h3("What would change the verdict");
      for (const c of report.verdictChanges) w.bullet(c.summary);
    }
  }
}

function actionPlan(w: Writer, report: Report) {
  w.newPage();
  w.h1("Action plan");
  const ordered = actionOrder(report.findings);
  if (ordered.length === 0) {
    w.p(report.snapshot ? "No failing checks." : "No snapshot uploaded yet.");
    return;
  }
  w.p("Failing checks, most severe first, then the most affected objects. Each with its fix.", {
    colour: MUTED,
  });
  ordered.forEach((f, i) => {
    w.ensure(48);
    w.gap(0.5);
    w.p(`${i + 1}. [${f.severity.toUpperCase()}] ${f.title}`, {
      bold: true,
      size: 10.5,
      colour: SEVERITY_COLOUR[f.severity],
    });
    w.p(`${plural(f.affectedCount, "affected object")} · ${f.category} · check ${f.checkId}`, {
      colour: MUTED,
      indent: 14,
      size: 8.5,
    });
    w.p(f.remediation, { indent: 14 });
  });
}

function findingsBySeverity(w: Writer, report: Report) {
  w.newPage();
  w.h1("Findings by severity");
  w.p(
    `Each check lists at most its first ${PDF_OBJECTS_PER_CHECK} failing results (an object, or a container of ` +
      "one); the CSV download lists every one.",
    { colour: MUTED },
  );
  if (report.findings.length === 0) {
    w.gap();
    w.p(report.snapshot ? "No failing checks." : "No snapshot uploaded yet.");
    return;
  }
  const ordered = actionOrder(report.findings);
  for (const s of SEVERITIES) {
    const list = ordered.filter((f) => f.severity === s);
    if (list.length === 0) continue;
    w.h2(`${s.toUpperCase()} — ${plural(list.length, "check")}`, SEVERITY_COLOUR[s]);
    for (const f of list) {
      w.h3(f.title);
      const results = f.affectedListed ?? f.affected.length;
      w.p(
        `${plural(f.affectedCount, "affected object")}${results !== f.affectedCount ? ` (${plural(results, "failing result")})` : ""} · ${f.category} · check ${f.checkId}`,
        { colour: MUTED, size: 8.5 },
      );
      const shown = f.affected.slice(0, PDF_OBJECTS_PER_CHECK);
      for (const a of shown) w.bullet(`${objectLabel(a.object)} — ${a.message}`, 10, { size: 8.5 });
      const more = results - shown.length;
      if (more > 0)
        w.p(`and ${more.toLocaleString("en-US")} more, see the CSV`, {
          indent: 10,
          size: 8.5,
          colour: MUTED,
        });
    }
  }
}

function appendix(w: Writer, report: Report) {
  w.newPage();
  w.h1("Appendix");
  const r = report.readiness;

  w.h2("Checklist");
  w.p(
    report.checklist
      ? `${report.checklist.name}, version ${report.checklist.number}${report.checklist.newer ? ` (version ${report.checklist.newer.number} is published)` : ""}.`
      : "No published checklist: readiness is not scored.",
  );

  if (r) {
    const manual = r.items.filter((i) => i.kind === "manual");
    w.h2("Manual items");
    if (manual.length === 0) w.p("None in this checklist.");
    for (const i of manual) {
      w.ensure(30);
      w.p(`${i.title} — ${i.answer?.answer ?? "unanswered"} (${i.severity})`, { bold: true, size: 9 });
      if (i.answer?.note) w.p(`Evidence: ${i.answer.note}`, { indent: 10, size: 8.5, colour: MUTED });
    }

    const exempt = r.items.filter((i) => i.status === "exempt");
    w.h2("Exemptions");
    if (exempt.length === 0) w.p("No check is exempt.");
    for (const i of exempt) w.bullet(`${i.title}${i.detail ? ` — ${i.detail}` : ""}`);

    w.h2("How scores are computed");
    w.p(r.formula, { size: 9 });

    w.h2("Coverage");
    w.p(`${coverageText(r.coverage)}.`);
    for (const reason of r.coverage.reasons) w.bullet(reason);
  }

  const need = report.needKubernetes;
  w.h2("Need Kubernetes: how the verdict was reached");
  for (const f of need.factors)
    w.bullet(`${f.label} (${f.effect > 0 ? `+${f.effect}` : f.effect}): ${f.explanation}`, 10, { size: 8.5 });
  if (need.missing.length > 0) {
    w.h3("Unanswered questions");
    for (const id of need.missing) w.bullet(questionText(id), 10, { size: 8.5 });
  }

  const snap = report.snapshot;
  if (snap && snap.warnings.length > 0) {
    w.h2("Snapshot warnings");
    for (const warning of snap.warnings.slice(0, 50)) w.bullet(warning.message, 10, { size: 8.5 });
    if (snap.warnings.length > 50) w.p(`and ${snap.warnings.length - 50} more`, { indent: 10, size: 8.5 });
  }
}

/** The report as PDF bytes. Synchronous CPU work: see lib/report/pdf-thread.ts for the request path. */
export function reportToPdf(report: Report): Promise<Buffer> {
  const w = new Writer(report);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    w.doc.on("data", (c: Buffer) => chunks.push(c));
    w.doc.on("end", () => resolve(Buffer.concat(chunks)));
    w.doc.on("error", reject);
  });
  summaryPage(w, report);
  actionPlan(w, report);
  findingsBySeverity(w, report);
  appendix(w, report);
  w.decorate(runningHeader(report));
  w.doc.end();
  return done;
}
