// The report, rendered on the server from the report DTO. Used by the in-app page and by share links.
import { VerdictBadge, GradeBadge } from "@/components/assessments/verdict-badge";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { SeverityBadge } from "@/components/ui/severity-badge";
import {
  INSUFFICIENT_VERDICT,
  recommendationDescriptions,
  verdictLabels,
} from "@/lib/engine/heuristic/need-kubernetes";
import type { ReactNode } from "react";
import {
  INSUFFICIENT_GRADE,
  INSUFFICIENT_LABEL,
  type ChecklistCoverage,
  type ItemStatus,
} from "@/lib/engine/checklist/score";
import { CATEGORIES, SEVERITIES, type Finding } from "@/lib/engine/types";
import { questionText } from "@/lib/report/questions";
import type { Report } from "@/lib/server/reports";
import { CategoryCards } from "./category-cards";
import { HistoryChart } from "./history-chart";
import { RefreshPoller } from "./refresh-poller";
import { ReportNav, ReportSummary } from "./report-summary";
import { VerdictChanges } from "./verdict-changes";
import { WhenVisible } from "./when-visible";

/** Where the report's parts load from: the checks API, and the findings explorer when signed in. */
export interface ReportLinks {
  checks: string;
  findings?: string;
  /** Where a check's own page lives (`…/checks`, then `/{checkId}`); absent on shared reports. */
  checkPages?: string;
}

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="mb-4 scroll-mt-16 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

function NeedKubernetesSection({ report }: { report: Report }) {
  const need = report.needKubernetes;
  const rec = need.recommendation ? recommendationDescriptions[need.recommendation] : null;
  const waiting = need.verdict === INSUFFICIENT_VERDICT;
  return (
    <Section title="Do you need Kubernetes?" id="need-kubernetes">
      <div className="flex flex-wrap items-center gap-3">
        <VerdictBadge verdict={need.verdict} />
        {waiting ? null : (
          <p className="text-2xl font-bold" data-testid="need-score">
            {need.score}
            <span className="text-base font-normal text-slate-500">/100</span>
          </p>
        )}
        <p className="font-medium">{verdictLabels[need.verdict]}</p>
      </div>
      <p className="mt-2 text-sm text-slate-600" data-testid="need-coverage">
        {need.coverage.known} of {need.coverage.total} core questions answered · a verdict needs at least{" "}
        {need.coverage.minimum}, including the production host and service counts
      </p>
      {waiting ? (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-4" data-testid="need-missing">
          <p className="text-sm font-semibold text-amber-900">Before there is a verdict</p>
          <ul className="mt-1 list-disc pl-5 text-sm text-amber-900">
            {need.toVerdict.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-amber-900">
            Points so far: {need.score}/100 from the answers given; nothing is recommended yet.
          </p>
        </div>
      ) : null}
      {rec ? (
        <div className="bg-brand-50 mt-4 rounded-md p-4">
          <p className="text-brand-700 text-sm font-semibold">Recommendation: {rec.label}</p>
          <p className="mt-1 text-sm text-slate-700">{rec.summary}</p>
        </div>
      ) : null}
      {need.missing.length > 0 ? (
        <div className="mt-4 text-sm text-amber-800" data-testid="need-unanswered">
          <p>
            {need.missing.length} question{need.missing.length === 1 ? " is" : "s are"} unanswered and count
            for nothing:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {need.missing.map((id) => (
              <li key={id}>{questionText(id)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Table className="mt-4">
        <caption className="sr-only">Factors behind the score</caption>
        <TableHead
          columns={[
            "Factor",
            { label: "Points", className: "py-2 pr-4 text-right" },
            { label: "Why", className: "py-2" },
          ]}
          cellClassName="py-2 pr-4"
          className="text-xs text-slate-500 uppercase"
        />
        <TableBody>
          {need.factors.map((f) => (
            <tr key={f.id}>
              <td className="py-2 pr-4 align-top font-medium">{f.label}</td>
              <td
                className={`py-2 pr-4 text-right align-top font-mono ${f.effect > 0 ? "text-emerald-700" : f.effect < 0 ? "text-red-700" : "text-slate-500"}`}
              >
                {f.effect > 0 ? `+${f.effect}` : f.effect}
              </td>
              <td className="py-2 align-top text-slate-600">{f.explanation}</td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <VerdictChanges changes={report.verdictChanges} />
      {need.caveats.length > 0 ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">Caveats</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700">
            {need.caveats.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {need.facts.some((f) => f.source === "snapshot") ? (
        <p className="mt-3 text-xs text-slate-500">
          Facts taken from the latest snapshot:{" "}
          {need.facts
            .filter((f) => f.source === "snapshot")
            .map((f) => `“${questionText(f.id)}” ${String(f.value)}`)
            .join(", ")}
          .
        </p>
      ) : null}
      <details className="mt-4 text-sm text-slate-600">
        <summary className="cursor-pointer font-medium text-slate-800">How this score works</summary>
        {report.heuristic.split("\n\n").map((p) => (
          <p key={p} className="mt-2">
            {p}
          </p>
        ))}
      </details>
    </Section>
  );
}

const STATUS_LABEL: Record<ItemStatus, string> = {
  fail: "Failing",
  partial: "Partly met",
  pass: "Passing",
  vacuous: "Passes vacuously (nothing to examine)",
  unanswered: "Unanswered",
  "not-applicable": "Not applicable",
  exempt: "Exempt",
  "no-snapshot": "Needs a snapshot",
  error: "Could not evaluate",
};
const STATUS_ORDER: ItemStatus[] = [
  "fail",
  "partial",
  "error",
  "unanswered",
  "no-snapshot",
  "exempt",
  "vacuous",
  "not-applicable",
  "pass",
];

const number = new Intl.NumberFormat("en-US");

/** What the score rests on, as text first; the bar repeats the same numbers for the eye. */
function CoverageSummary({ coverage }: { coverage: ChecklistCoverage }) {
  const parts = [
    { n: coverage.scored, label: "scored", className: "bg-emerald-500" },
    { n: coverage.leftOut, label: "exempt or errored", className: "bg-amber-400" },
    { n: coverage.unanswered, label: "unanswered", className: "bg-slate-400" },
    { n: coverage.vacuous, label: "passing vacuously", className: "bg-sky-200" },
    { n: coverage.notApplicable, label: "not applicable", className: "bg-slate-200" },
  ];
  const text = [
    `${coverage.scored} of ${coverage.total} items scored`,
    ...parts.slice(1).flatMap((p) => (p.n > 0 ? [`${p.n} ${p.label}`] : [])),
    coverage.objectsExamined === null
      ? "no snapshot yet"
      : `${number.format(coverage.objectsExamined)} objects examined (${number.format(coverage.workloads ?? 0)} workloads)`,
  ].join(" · ");
  return (
    <div className="mt-3" data-testid="readiness-coverage">
      <p className="text-sm text-slate-700">{text}</p>
      <div className="mt-1 flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        {parts.map((p) =>
          p.n > 0 ? (
            <div
              key={p.label}
              className={p.className}
              style={{ width: `${(100 * p.n) / Math.max(coverage.total, 1)}%` }}
            />
          ) : null,
        )}
      </div>
      {coverage.sufficient ? null : (
        <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p className="font-semibold">Not graded: too little was measured</p>
          <ul className="mt-1 list-disc pl-5">
            {coverage.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function ReadinessSection({
  report,
  rescore,
  links,
}: {
  report: Report;
  rescore?: ReactNode;
  links: ReportLinks;
}) {
  const r = report.readiness;
  const c = report.checklist;
  if (!r || !c) {
    return (
      <Section title="Production readiness" id="readiness">
        <p className="text-sm text-slate-600">No published checklist is available to score against.</p>
      </Section>
    );
  }
  return (
    <Section title="Production readiness" id="readiness">
      <p className="mb-3 text-sm text-slate-600" data-testid="pinned-checklist">
        Scored with <span className="font-medium text-slate-800">{c.name}</span> version {c.number}
      </p>
      {c.newer ? (
        <div className="mb-4 flex flex-wrap items-center gap-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <span>
            Version {c.newer.number} of this checklist has been published since. Re-scoring keeps this report
            in the history.
          </span>
          {rescore}
        </div>
      ) : null}
      {r.coverage.sufficient ? (
        <div className="flex flex-wrap items-center gap-4">
          <p className="text-4xl font-bold" data-testid="readiness-score">
            {r.score ?? "—"}
            <span className="text-base font-normal text-slate-500">/100</span>
          </p>
          <GradeBadge grade={r.grade} score={r.score} />
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <p className="text-3xl font-bold text-slate-700" data-testid="readiness-grade">
            {INSUFFICIENT_LABEL}
          </p>
          <GradeBadge grade={INSUFFICIENT_GRADE} score={r.score} />
          {r.score === null ? null : (
            <p className="text-sm text-slate-600">
              Partial score, not graded:{" "}
              <span className="font-mono" data-testid="readiness-score">
                {r.score}/100
              </span>
            </p>
          )}
        </div>
      )}
      <CoverageSummary coverage={r.coverage} />
      <CategoryCards
        api={links.checks}
        findingsHref={links.findings}
        checkPages={links.checkPages}
        sufficient={r.coverage.sufficient}
        categories={CATEGORIES.map((category) => {
          const failing = report.findings.filter((f) => f.category === category);
          return {
            category,
            score: r.categories[category].score,
            items: r.items.filter((i) => i.category === category).length,
            failing: SEVERITIES.flatMap((s) => {
              const n = failing.filter((f) => f.severity === s).length;
              return n > 0 ? [[s, n] as [typeof s, number]] : [];
            }),
          };
        })}
      />
      <p className="mt-4 rounded bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-700">{r.formula}</p>
      {report.snapshot?.engineScore !== undefined && report.snapshot?.engineScore !== null ? (
        <p className="mt-2 text-xs text-slate-500">
          The snapshot alone, scored by the engine without the checklist&apos;s weights and manual items:{" "}
          {report.snapshot.engineScore}/100.
        </p>
      ) : null}
    </Section>
  );
}

/**
 * The checklist at a glance: how many items are in each state. The items themselves are in the category
 * cards above, loaded as the reader opens them, so the page stays small however long the checklist is.
 */
function ChecklistItemsSection({ report }: { report: Report }) {
  const items = report.readiness?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Section title="Checklist items" id="checklist-items">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm" aria-label="Checklist items by status">
        {STATUS_ORDER.map((status) => {
          const n = items.filter((i) => i.status === status).length;
          return n === 0 ? null : (
            <li key={status}>
              <span className="font-semibold">{n}</span> {STATUS_LABEL[status].toLowerCase()}
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-sm text-slate-600">
        Each item, with its detail and evidence, is in its category&apos;s card under Production readiness.
      </p>
    </Section>
  );
}

function HistorySection({ report }: { report: Report }) {
  if (report.history.length === 0) return null;
  const points = [...report.history].reverse().filter((h) => h.score !== null);
  return (
    <Section title="Score history" id="history">
      {points.length > 1 ? (
        <WhenVisible minHeight={272}>
          <HistoryChart
            categories={[...CATEGORIES]}
            points={points.map((p) => ({
              at: new Date(p.createdAt).getTime(),
              score: p.score,
              checklist: p.checklist,
              reason: p.reason,
              categories: Object.fromEntries(CATEGORIES.map((c) => [c, p.categories[c]?.score ?? null])),
            }))}
          />
        </WhenVisible>
      ) : null}
      <Table>
        <TableHead
          columns={["When", "Score", "Checklist", { label: "What happened", className: "py-2" }]}
          cellClassName="py-2 pr-4"
          className="text-xs text-slate-500 uppercase"
        />
        <TableBody>
          {report.history.map((e, i) => (
            <tr key={i}>
              <td className="py-2 pr-4 align-top whitespace-nowrap">{formatDate(e.createdAt)}</td>
              <td className="py-2 pr-4 align-top font-mono">
                {e.score === null
                  ? "—"
                  : e.grade === INSUFFICIENT_GRADE
                    ? `${e.score} (${INSUFFICIENT_LABEL.toLowerCase()})`
                    : `${e.score} ${e.grade ?? ""}`}
              </td>
              <td className="py-2 pr-4 align-top">{e.checklist}</td>
              <td className="py-2 align-top text-slate-600">
                <details>
                  <summary className="cursor-pointer">
                    {e.reason}
                    {e.by ? ` (${e.by})` : ""}
                  </summary>
                  <p className="mt-1 text-xs">
                    {CATEGORIES.map((c) => `${c} ${e.categories[c]?.score ?? "n/a"}`).join(" · ")}
                  </p>
                  <p className="text-xs">
                    {e.counts.scored} of {e.counts.total} items scored, {e.counts.unanswered} unanswered
                  </p>
                </details>
              </td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}

/**
 * One failing check of the action plan: severity, title, category, how many objects, the fix, and where
 * its objects are — the findings explorer when signed in, the category card on a shared page (both page
 * them; the report itself carries only the first few).
 */
function FindingItem({
  finding,
  links,
}: {
  finding: Finding & { affectedListed?: number };
  links: ReportLinks;
}) {
  const objects = `${finding.affectedCount} affected object${finding.affectedCount === 1 ? "" : "s"}`;
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={finding.severity} />
        <h3 className="font-medium">
          {links.checkPages ? (
            <a
              className="text-brand-700 underline"
              href={`${links.checkPages}/${encodeURIComponent(finding.checkId)}`}
            >
              {finding.title}
            </a>
          ) : (
            finding.title
          )}
        </h3>
        <span className="text-xs text-slate-600 capitalize">{finding.category}</span>
        <a
          className="text-brand-700 ml-auto text-xs underline"
          href={
            links.findings
              ? `${links.findings}?check=${encodeURIComponent(finding.checkId)}`
              : `#category-${finding.category}`
          }
        >
          {objects}
        </a>
      </div>
      <p className="mt-1 text-sm text-slate-700">
        <span className="font-medium">Fix: </span>
        {finding.remediation}
      </p>
    </li>
  );
}

/** Certificates listed on the page, soonest expiry first; the downloads list every one. */
const CERTIFICATES_SHOWN = 20;

function CertificatesSection({ report }: { report: Report }) {
  const certs = report.snapshot?.certificates ?? [];
  if (certs.length === 0) return null;
  // Relative to when the report was generated, so the page renders the same on server and client.
  const now = Date.parse(report.generatedAt);
  const sorted = [...certs].sort((a, b) => a.notAfter.localeCompare(b.notAfter)).slice(0, CERTIFICATES_SHOWN);
  return (
    <Section title="Certificate expiry" id="certificates">
      <Table>
        <TableHead
          columns={["Expires", "Subject", { label: "Secret", className: "py-2" }]}
          cellClassName="py-2 pr-4"
          className="text-xs text-slate-500 uppercase"
        />
        <TableBody>
          {sorted.map((c) => {
            const days = Math.floor((Date.parse(c.notAfter) - now) / 86_400_000);
            return (
              <tr key={`${c.secretNamespace ?? ""}/${c.secretName}/${c.key}/${c.index}`}>
                <td className={`py-2 pr-4 ${days < 0 ? "text-red-700" : days < 30 ? "text-orange-700" : ""}`}>
                  {formatDate(c.notAfter)} ({days < 0 ? `expired ${-days} days ago` : `in ${days} days`})
                </td>
                <td className="py-2 pr-4 font-mono text-xs">{c.subject}</td>
                <td className="py-2 font-mono text-xs">
                  {c.secretNamespace ? `${c.secretNamespace}/` : ""}
                  {c.secretName} ({c.key})
                </td>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {certs.length > sorted.length ? (
        <p className="mt-2 text-sm text-slate-600">
          The {sorted.length} that expire first of {certs.length}; the JSON download lists every one.
        </p>
      ) : null}
    </Section>
  );
}

/** `rescore`: the control offered when a newer checklist version exists (absent on shared links). */
export function ReportView({
  report,
  rescore,
  links,
}: {
  report: Report;
  rescore?: ReactNode;
  links: ReportLinks;
}) {
  const snap = report.snapshot;
  return (
    <div className="flex flex-col gap-6">
      {report.refreshing ? (
        <p
          role="status"
          className="rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900"
        >
          These results are being refreshed (a newer engine or changed exemptions); the page updates by itself
          when they are current.
          <RefreshPoller />
        </p>
      ) : null}
      <ReportSummary report={report} />
      <ReportNav
        present={
          new Set([
            "need-kubernetes",
            "readiness",
            ...(snap ? ["findings", "snapshot"] : []),
            ...((report.readiness?.items.length ?? 0) > 0 ? ["checklist-items"] : []),
            ...((snap?.certificates.length ?? 0) > 0 ? ["certificates"] : []),
            ...(report.history.length > 0 ? ["history"] : []),
          ])
        }
      />
      <NeedKubernetesSection report={report} />
      <ReadinessSection report={report} rescore={rescore} links={links} />
      {snap ? (
        <Section title="Action plan" id="findings">
          {report.findings.length === 0 ? (
            <p className="text-sm text-emerald-800">No failing checks in the latest snapshot.</p>
          ) : (
            <>
              <p className="text-sm text-slate-600">
                Failing checks, most severe and widespread first, each with its fix and the objects it
                affects.
              </p>
              <ol className="divide-y divide-slate-100" aria-label="Failing checks">
                {report.findings.map((f) => (
                  <FindingItem key={f.checkId} finding={f} links={links} />
                ))}
              </ol>
            </>
          )}
        </Section>
      ) : null}
      <ChecklistItemsSection report={report} />
      <CertificatesSection report={report} />
      {snap ? (
        <Section title="Snapshot" id="snapshot">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
            <dt className="text-slate-500">File</dt>
            <dd className="col-span-1 truncate sm:col-span-3">{snap.filename}</dd>
            <dt className="text-slate-500">Uploaded</dt>
            <dd className="sm:col-span-3">
              {formatDate(snap.uploadedAt)}
              {snap.uploadedBy ? ` by ${snap.uploadedBy}` : ""}
            </dd>
            <dt className="text-slate-500">Objects</dt>
            <dd className="sm:col-span-3">{snap.objectCount}</dd>
            <dt className="text-slate-500">Kubernetes</dt>
            <dd className="sm:col-span-3">
              {snap.facts?.kubernetesVersion ?? "unknown (no nodes or version in the snapshot)"}
            </dd>
            <dt className="text-slate-500">Nodes</dt>
            <dd className="sm:col-span-3">{snap.facts?.nodeCount ?? 0}</dd>
          </dl>
          {snap.warnings.length > 0 ? (
            <details className="mt-3 text-sm">
              <summary className="cursor-pointer text-amber-800">
                {snap.warnings.length} skipped document(s)
              </summary>
              <ul className="mt-1 list-disc pl-5 text-slate-600">
                {snap.warnings.slice(0, 50).map((w, i) => (
                  <li key={i}>
                    {w.file}
                    {w.document !== undefined ? ` #${w.document + 1}` : ""}: {w.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Section>
      ) : null}
      <HistorySection report={report} />
      <p className="text-xs text-slate-500">Report generated {formatDate(report.generatedAt)}.</p>
    </div>
  );
}
