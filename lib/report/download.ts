// Report downloads, the same for the signed-in report and a shared one: JSON, Markdown, CSV of failing
// objects and SARIF, each as an attachment named after the assessment.
import type { ReportFormat } from "@/lib/domain/schemas";
import { findingsToCsv, reportToMarkdown } from "./export";
import { reportToSarif } from "./sarif";
import type { Report } from "@/lib/server/reports";

export type DownloadFormat = ReportFormat;

const TYPES: Record<DownloadFormat, [type: string, extension: string]> = {
  json: ["application/json; charset=utf-8", "json"],
  md: ["text/markdown; charset=utf-8", "md"],
  csv: ["text/csv; charset=utf-8", "csv"],
  sarif: ["application/sarif+json; charset=utf-8", "sarif"],
};

/** Whether a format lists every affected object (exports) rather than the first few (Markdown reads). */
export const needsAllAffected = (format: DownloadFormat) => format !== "md";

export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "report"
  );
}

export function reportDownload(report: Report, format: DownloadFormat, extraHeaders: HeadersInit = {}) {
  const body =
    format === "json"
      ? JSON.stringify(report, null, 2)
      : format === "md"
        ? reportToMarkdown(report)
        : format === "csv"
          ? findingsToCsv(report)
          : JSON.stringify(reportToSarif(report), null, 2);
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
