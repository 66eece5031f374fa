import type { Severity } from "@/lib/engine/types";

const SEVERITY_STYLES: Record<Severity, string> = {
  critical: "bg-red-600 text-white",
  high: "bg-orange-500 text-white",
  medium: "bg-amber-200 text-amber-950",
  low: "bg-slate-200 text-slate-800",
  info: "bg-sky-100 text-sky-900",
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${SEVERITY_STYLES[severity]}`}>
      {severity}
    </span>
  );
}
