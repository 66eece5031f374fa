// A check's page: what it judges and why, how to fix it, the parameters in effect, and every object it
// judged — failing, exempt or passing, one status at a time, paginated by the server (links, no script).
import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/severity-badge";
import type { CheckPage } from "@/lib/server/object-results";
import { checkHref, objectHref } from "./links";
import { ResultDetails } from "./result-details";
import { STATUS_WORD, StatusBadge, type ResultStatus } from "./status-badge";

const STATUSES: ResultStatus[] = ["fail", "exempt", "pass"];

export function CheckView({ assessmentId, page }: { assessmentId: string; page: CheckPage }) {
  const { check, query } = page;
  const base = checkHref(assessmentId, check.id);
  const href = (changes: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const merged: Record<string, string | number | undefined> = {
      status: query.status,
      q: query.q,
      namespace: query.namespace,
      page: undefined,
      ...changes,
    };
    for (const [k, v] of Object.entries(merged)) {
      if (v === undefined || v === "" || (k === "status" && v === "fail") || (k === "page" && v === 1))
        continue;
      params.set(k, String(v));
    }
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  };
  return (
    <div className="flex flex-col gap-5">
      <p className="text-sm">
        <Link href={`/assessments/${assessmentId}/findings`} className="text-brand-700 underline">
          ← Findings
        </Link>
      </p>
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={check.severity} />
          <span className="text-sm text-slate-700 capitalize">{check.category}</span>
          <code className="text-xs text-slate-700">{check.id}</code>
        </div>
        <h2 className="mt-1 text-xl font-semibold text-slate-900">{check.title}</h2>
        {!check.onChecklist ? (
          <p className="mt-1 text-sm text-amber-900">
            This check is not on the assessment&apos;s checklist: it ran, but does not count in the score.
          </p>
        ) : null}
      </header>
      <section aria-labelledby="check-why" className="grid gap-4 md:grid-cols-2">
        <div>
          <h3 id="check-why" className="font-semibold text-slate-900">
            Why it matters
          </h3>
          <p className="mt-1 text-sm text-slate-700">{check.rationale}</p>
          <p className="mt-2 text-sm text-slate-700">
            <span className="font-medium">Judges:</span> {check.scope}.
          </p>
        </div>
        <div>
          <h3 className="font-semibold text-slate-900">How to fix it</h3>
          <p className="mt-1 text-sm text-slate-700">{check.remediation}</p>
          {check.references.length > 0 ? (
            <ul className="mt-2 text-sm">
              {check.references.map((r) => (
                <li key={r}>
                  <a href={r} className="text-brand-700 break-all underline" rel="noreferrer">
                    {r}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </section>
      {check.params.length > 0 ? (
        <section aria-labelledby="check-params">
          <h3 id="check-params" className="font-semibold text-slate-900">
            Parameters in effect
          </h3>
          <dl className="mt-1 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            {check.params.map((p) => (
              <div key={p.name} className="contents">
                <dt className="font-mono text-xs text-slate-900">
                  {p.name} = {JSON.stringify(p.value)}
                  {p.isDefault ? "" : " (set by the checklist)"}
                </dt>
                <dd className="text-slate-700">{p.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-labelledby="check-objects" className="flex flex-col gap-3">
        <h3 id="check-objects" className="font-semibold text-slate-900">
          Objects judged{page.snapshot ? ` in ${page.snapshot.name ?? page.snapshot.filename}` : ""}
        </h3>
        <nav aria-label="Status" className="flex flex-wrap gap-2 text-sm">
          {STATUSES.map((s) => (
            <Link
              key={s}
              href={href({ status: s })}
              aria-current={s === query.status ? "page" : undefined}
              className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${s === query.status ? "bg-slate-900 text-white" : "hover:bg-slate-100"}`}
            >
              {STATUS_WORD[s]} ({page.counts[s]})
            </Link>
          ))}
        </nav>
        <form
          method="get"
          action={base}
          role="search"
          aria-label="Search objects"
          className="flex flex-wrap items-end gap-2"
        >
          <input type="hidden" name="status" value={query.status} />
          <label className="flex flex-col text-sm">
            Object name contains
            <input
              type="search"
              name="q"
              defaultValue={query.q ?? ""}
              maxLength={200}
              className="rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" className="rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white">
            Search
          </button>
        </form>
        <p className="text-sm font-medium text-slate-800" data-testid="check-objects-total">
          {page.total === 1 ? "1 object" : `${page.total} objects`} {STATUS_WORD[query.status]}
          {query.q ? ` matching “${query.q}”` : ""}
        </p>
        {page.total === 0 ? (
          <EmptyState title={`No ${STATUS_WORD[query.status]} objects`}>
            {page.snapshot
              ? "Try another status."
              : "Upload a snapshot to see which objects this check judges."}
          </EmptyState>
        ) : (
          <div
            className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
            role="region"
            aria-label="Objects table"
            tabIndex={0}
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                {STATUS_WORD[query.status]} objects, page {query.page} of {page.pages}
              </caption>
              <thead className="bg-slate-50 text-xs text-slate-700 uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Object
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Owner
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Detail
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((r) => (
                  <tr key={`${r.kind} ${r.namespace} ${r.name}`}>
                    <td className="px-3 py-2 align-top">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="px-3 py-2 align-top">
                      {r.kind ? (
                        <Link href={objectHref(assessmentId, r)} className="text-brand-700 underline">
                          {r.kind} {r.namespace ? `${r.namespace}/` : ""}
                          {r.name}
                        </Link>
                      ) : (
                        "cluster-wide"
                      )}
                    </td>
                    <td className="px-3 py-2 align-top text-slate-700">
                      {r.owner && (r.owner.kind !== r.kind || r.owner.name !== r.name)
                        ? `${r.owner.kind} ${r.owner.name}`
                        : "—"}
                    </td>
                    <td className="px-3 py-2 align-top text-xs text-slate-700">
                      <ResultDetails
                        containers={r.containers}
                        exemptions={r.exemptions}
                        messages={r.messages}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {page.pages > 1 ? (
          <nav aria-label="Object pages" className="flex flex-wrap items-center gap-3 text-sm">
            {query.page > 1 ? (
              <Link href={href({ page: query.page - 1 })} className="text-brand-700 underline">
                Previous page
              </Link>
            ) : null}
            <span>
              Page {query.page} of {page.pages}
            </span>
            {query.page < page.pages ? (
              <Link href={href({ page: query.page + 1 })} className="text-brand-700 underline">
                Next page
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
