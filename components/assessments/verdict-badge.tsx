const VERDICTS: Record<string, { label: string; className: string }> = {
  "not-needed": { label: "Not needed", className: "bg-emerald-100 text-emerald-800" },
  borderline: { label: "Borderline", className: "bg-amber-100 text-amber-900" },
  needed: { label: "Needed", className: "bg-sky-100 text-sky-900" },
};

export function VerdictBadge({ verdict, score }: { verdict: string | null; score?: number | null }) {
  if (!verdict) return <span className="text-sm text-slate-400">Not answered</span>;
  const v = VERDICTS[verdict] ?? { label: verdict, className: "bg-slate-100 text-slate-800" };
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${v.className}`}>
      {v.label}
      {score !== undefined && score !== null ? ` · ${score}` : ""}
    </span>
  );
}

const GRADE_STYLES: Record<string, string> = {
  A: "bg-emerald-100 text-emerald-800",
  B: "bg-lime-100 text-lime-800",
  C: "bg-amber-100 text-amber-900",
  D: "bg-orange-100 text-orange-900",
  F: "bg-red-100 text-red-800",
};

export function GradeBadge({ grade, score }: { grade: string | null; score: number | null }) {
  if (!grade || score === null) return <span className="text-sm text-slate-400">No snapshot</span>;
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${GRADE_STYLES[grade] ?? ""}`}>
      {grade} · {score}/100
    </span>
  );
}
