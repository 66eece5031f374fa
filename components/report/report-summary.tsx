// The report's first screen: one strip with the grade (or "insufficient data") and its coverage, the
// verdict, failing checks by severity, objects examined, the snapshot's age and the change since the
// previous snapshot — then a section navigation that stays at the top while the reader scrolls.
import { GradeBadge, VerdictBadge } from "@/components/assessments/verdict-badge";
import { formatDate } from "@/components/ui/format";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { INSUFFICIENT_GRADE } from "@/lib/engine/checklist/score";
import { verdictLabels } from "@/lib/engine/heuristic/need-kubernetes";
import { SEVERITIES } from "@/lib/engine/types";
import { age, changeSincePrevious } from "@/lib/report/summary";
import type { Report } from "@/lib/server/reports";

function Tile({ label, children, testId }: { label: string; children: React.ReactNode; testId: string }) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <dt className="text-xs font-medium text-slate-600 uppercase">{label}</dt>
      <dd className="mt-1 text-sm">{children}</dd>
    </div>
  );
}

export const REPORT_SECTIONS = [
  ["need-kubernetes", "Need"],
  ["readiness", "Readiness"],
  ["findings", "Action plan"],
  ["checklist-items", "Checklist"],
  ["certificates", "Certificates"],
  ["snapshot", "Snapshot"],
  ["history", "History"],
] as const;

export function ReportSummary({ report }: { report: Report }) {
  const r = report.readiness;
  const need = report.needKubernetes;
  const snap = report.snapshot;
  const bySeverity = SEVERITIES.map(
    (s) => [s, report.findings.filter((f) => f.severity === s).length] as const,
  );
  const failing = report.findings.length;
  const change = changeSincePrevious(report);
  const now = new Date(report.generatedAt);
  return (
    <section aria-label="Summary" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-4 sm:grid-cols-3 lg:grid-cols-6">
        <Tile label="Readiness" testId="summary-readiness">
          {r ? (
            <span className="flex flex-wrap items-center gap-2">
              <GradeBadge grade={r.coverage.sufficient ? r.grade : INSUFFICIENT_GRADE} score={r.score} />
              <span className="text-xs text-slate-600">
                {r.coverage.scored} of {r.coverage.total} items scored
              </span>
            </span>
          ) : (
            <span className="text-slate-600">No checklist</span>
          )}
        </Tile>
        <Tile label="Need Kubernetes?" testId="summary-verdict">
          <span className="flex flex-wrap items-center gap-2" title={verdictLabels[need.verdict]}>
            <VerdictBadge verdict={need.verdict} score={need.recommendation ? need.score : null} />
          </span>
        </Tile>
        <Tile label="Failing checks" testId="summary-failing">
          {snap ? (
            failing === 0 ? (
              <span className="text-emerald-800">None</span>
            ) : (
              <span className="flex flex-wrap items-center gap-1.5">
                <span className="font-semibold">{failing}</span>
                {bySeverity
                  .filter(([, n]) => n > 0)
                  .map(([s, n]) => (
                    <span key={s} className="inline-flex items-center gap-1">
                      <SeverityBadge severity={s} />
                      <span className="font-mono text-xs">{n}</span>
                    </span>
                  ))}
              </span>
            )
          ) : (
            <span className="text-slate-600">No snapshot yet</span>
          )}
        </Tile>
        <Tile label="Objects examined" testId="summary-objects">
          {snap ? <span className="font-semibold">{snap.objectCount.toLocaleString("en")}</span> : "—"}
        </Tile>
        <Tile label="Snapshot" testId="summary-age">
          {snap ? <span title={formatDate(snap.uploadedAt)}>{age(snap.uploadedAt, now)}</span> : "—"}
        </Tile>
        <Tile label="Since previous snapshot" testId="summary-change">
          {change ? (
            <span
              className={`font-mono font-semibold ${change.delta > 0 ? "text-emerald-800" : change.delta < 0 ? "text-red-800" : "text-slate-700"}`}
              title={`Compared with the score saved ${formatDate(change.since)}`}
            >
              {change.delta > 0 ? `+${change.delta}` : change.delta === 0 ? "±0" : change.delta}
            </span>
          ) : (
            <span className="text-slate-600">—</span>
          )}
        </Tile>
      </dl>
    </section>
  );
}

/** Links to the report's sections, kept at the top of the window; it scrolls sideways on a phone. */
export function ReportNav({ present }: { present: ReadonlySet<string> }) {
  return (
    <nav
      aria-label="Report sections"
      className="sticky top-0 z-10 -mx-1 overflow-x-auto border-b border-slate-200 bg-slate-50/95 px-1 py-2 backdrop-blur print:hidden"
    >
      <ul className="flex gap-1 text-sm whitespace-nowrap">
        {REPORT_SECTIONS.filter(([id]) => present.has(id)).map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`} className="text-brand-700 rounded px-2 py-1 hover:bg-white hover:underline">
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
