// Report downloads, the same for the signed-in report and a shared one: JSON, Markdown, CSV of failing
// objects, SARIF and PDF, each as an attachment named after the assessment. The PDF's bytes are written
// on a thread of their own (lib/report/pdf-thread.ts); the text formats here.
import type { ReportFormat } from "@/lib/domain/schemas";
import { findingsToCsv, reportToMarkdown } from "./export";
import { renderPdf } from "./pdf-thread";
import { reportToSarif } from "./sarif";
import type { Report } from "@/lib/server/reports";

export type DownloadFormat = ReportFormat;
/** The formats written here, on the request thread: small and linear in the report. */
export type TextFormat = Exclude<DownloadFormat, "pdf">;

const TYPES: Record<DownloadFormat, [type: string, extension: string]> = {
  json: ["application/json; charset=utf-8", "json"],
  md: ["text/markdown; charset=utf-8", "md"],
  csv: ["text/csv; charset=utf-8", "csv"],
  sarif: ["application/sarif+json; charset=utf-8", "sarif"],
  pdf: ["application/pdf", "pdf"],
};

/**
 * Whether a format lists every affected object (exports) rather than the first few the stored report
 * keeps (Markdown and the PDF, which list a bounded number and point to the CSV for the rest).
 */
export const needsAllAffected = (format: DownloadFormat) => format !== "md" && format !== "pdf";

export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "report"
  );
}

/** The attachment response of a download's body. */
export function downloadResponse(
  report: Report,
  format: DownloadFormat,
  body: BodyInit,
  extraHeaders: HeadersInit = {},
): Response {
  const [type, ext] = TYPES[format];
  return new Response(body, {
    headers: {
      ...extraHeaders,
      "content-type": type,
      "content-disposition": `attachment; filename="${fileSlug(report.assessment.name)}-report.${ext}"`,
      "cache-control": "no-store",
    },
  });
}

export function reportDownload(report: Report, format: TextFormat, extraHeaders?: HeadersInit): Response;
export function reportDownload(
  report: Report,
  format: DownloadFormat,
  extraHeaders?: HeadersInit,
): Response | Promise<Response>;
export function reportDownload(
  report: Report,
  format: DownloadFormat,
  extraHeaders: HeadersInit = {},
): Response | Promise<Response> {
  if (format === "pdf") {
    return renderPdf(report).then((bytes) =>
      downloadResponse(report, "pdf", new Uint8Array(bytes), extraHeaders),
    );
  }
  const body =
    format === "json"
      ? JSON.stringify(report, null, 2)
      : format === "md"
        ? reportToMarkdown(report)
        : format === "csv"
          ? findingsToCsv(report)
          : JSON.stringify(reportToSarif(report), null, 2);
  return downloadResponse(report, format, body, extraHeaders);
}
