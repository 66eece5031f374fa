import type { Severity } from "@/lib/engine/types";

// The one way severity is shown (report, checklists, check catalogue, manual items). Every pair has a
// contrast of at least 4.5:1 for its small bold text (WCAG AA), and the word is always written out.
const SEVERITY_STYLES: Record<Severity, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-orange-200 text-orange-950",
  medium: "bg-amber-100 text-amber-950",
  low: "bg-slate-200 text-slate-800",
  info: "bg-sky-100 text-sky-900",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap uppercase ${SEVERITY_STYLES[severity]}`}
    >
      {severity}
    </span>
  );
}
