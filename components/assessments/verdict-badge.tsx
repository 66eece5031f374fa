import { INSUFFICIENT_GRADE, INSUFFICIENT_LABEL } from "@/lib/engine/checklist/score";
import { INSUFFICIENT_VERDICT } from "@/lib/engine/heuristic/need-kubernetes";

const VERDICTS: Record<string, { label: string; className: string }> = {
  "not-needed": { label: "Not needed", className: "bg-emerald-100 text-emerald-800" },
  borderline: { label: "Borderline", className: "bg-amber-100 text-amber-900" },
  needed: { label: "Needed", className: "bg-sky-100 text-sky-900" },
};

const NEEDS_ANSWERS = "Needs answers";

/** Without a verdict (no answers, or fewer than a verdict needs) the badge says so and shows no score. */
export function VerdictBadge({ verdict, score }: { verdict: string | null; score?: number | null }) {
  if (!verdict || verdict === INSUFFICIENT_VERDICT) {
    return (
      <span
        className="inline-flex rounded-full border border-dashed border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-600"
        title="Not enough core questions answered for a verdict yet"
      >
        {NEEDS_ANSWERS}
      </span>
    );
  }
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

/** A letter with its score; "Insufficient data" (no letter, no score) when too little was measured. */
export function GradeBadge({ grade, score }: { grade: string | null; score: number | null }) {
  if (grade === INSUFFICIENT_GRADE) {
    return (
      <span
        className="inline-flex rounded-full border border-dashed border-slate-300 px-2 py-0.5 text-xs font-medium text-slate-600"
        title="Too little was measured for a grade; the report says what is missing"
      >
        {INSUFFICIENT_LABEL}
      </span>
    );
  }
  if (!grade || score === null) return <span className="text-sm text-slate-500">No snapshot</span>;
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${GRADE_STYLES[grade] ?? ""}`}>
      {grade} · {score}/100
    </span>
  );
}
