// The report's downloads, for the signed-in report and a shared one alike (lib/report/download.ts); the
// PDF is laid out for paper on the server (lib/report/pdf.ts).
import type { ReactNode } from "react";

const LINKS = [
  ["json", "JSON"],
  ["md", "Markdown"],
  ["csv", "CSV of failing objects"],
  ["sarif", "SARIF"],
  ["pdf", "PDF"],
] as const;

/** `href` is the report's API address: /api/assessments/{id}/report or /api/shared/{token}. */
export function DownloadLinks({ href, children }: { href: string; children?: ReactNode }) {
  return (
    <nav aria-label="Downloads" className="flex flex-wrap items-center gap-4 text-sm print:hidden">
      <span className="text-slate-600">Download:</span>
      {LINKS.map(([format, label]) => (
        <a key={format} href={`${href}?format=${format}`} download className="text-brand-700 hover:underline">
          {label}
        </a>
      ))}
      {children}
    </nav>
  );
}
