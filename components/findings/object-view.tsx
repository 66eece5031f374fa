// An object's page: every result the checks gave it (failing, exempt, passing), the workload that owns
// it, and copyable patches for the failures whose fix is mechanical.
import Link from "next/link";
import { SeverityBadge } from "@/components/ui/severity-badge";
import type { ObjectPage } from "@/lib/server/object-results";
import { checkHref, objectHref } from "./links";
import { ResultDetails } from "./result-details";
import { PatchBlock } from "./patch-block";
import { StatusBadge } from "./status-badge";

export function ObjectView({ assessmentId, page }: { assessmentId: string; page: ObjectPage }) {
  const { object, owner } = page;
  const ownsItself = !owner || (owner.kind === object.kind && owner.name === object.name);
  const titles = new Map(page.results.map((r) => [r.checkId, r.title]));
  return (
    <div className="flex flex-col gap-5">
      <p className="text-sm">
        <Link href={`/assessments/${assessmentId}/findings`} className="text-brand-700 underline">
          ← Findings
        </Link>
      </p>
      <header>
        <p className="text-sm text-slate-700">
          {object.kind}
          {object.apiVersion ? ` (${object.apiVersion})` : ""} ·{" "}
          {object.namespace ? `namespace ${object.namespace}` : "cluster-scoped"}
        </p>
        <h2 className="text-xl font-semibold break-all text-slate-900">{object.name}</h2>
        <p className="mt-1 text-sm text-slate-700">
          {ownsItself ? (
            "Not owned by another object of the snapshot."
          ) : (
            <>
              Owned by{" "}
              <Link href={objectHref(assessmentId, owner)} className="text-brand-700 underline">
                {owner.kind} {owner.name}
              </Link>
              : fix it there, its controller recreates this object.
            </>
          )}
        </p>
        {!object.inSnapshot ? (
          <p className="mt-1 text-sm text-amber-900">
            This object is named by results but is not itself in the snapshot.
          </p>
        ) : null}
        <p className="mt-2 text-sm font-medium text-slate-800" data-testid="object-counts">
          {page.counts.fail} failing · {page.counts.exempt} exempt · {page.counts.pass} passing checks
        </p>
      </header>

      {page.patches.length > 0 ? (
        <section aria-labelledby="object-patches" className="flex flex-col gap-3">
          <h3 id="object-patches" className="font-semibold text-slate-900">
            Patches
          </h3>
          <p className="text-sm text-slate-700">
            Mechanical fixes for this object&apos;s failures. Review each one; apply it to the source of the
            manifest (Helm values, Kustomize) too, or the next deploy undoes it.
          </p>
          {page.patches.map((p) => (
            <PatchBlock key={p.checkId} patch={p} title={titles.get(p.checkId) ?? p.checkId} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="object-results">
        <h3 id="object-results" className="font-semibold text-slate-900">
          Results
        </h3>
        <div
          className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white"
          role="region"
          aria-label="Results table"
          tabIndex={0}
        >
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-700 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
                <th scope="col" className="px-3 py-2">
                  Check
                </th>
                <th scope="col" className="px-3 py-2">
                  Detail
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.results.map((r) => (
                <tr key={r.checkId}>
                  <td className="px-3 py-2 align-top">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-3 py-2 align-top">
                    <div className="flex flex-wrap items-center gap-2">
                      <SeverityBadge severity={r.severity} />
                      <Link href={checkHref(assessmentId, r.checkId)} className="text-brand-700 underline">
                        {r.title}
                      </Link>
                    </div>
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
      </section>
    </div>
  );
}
