// Two snapshots compared (lib/server/snapshot-compare.ts): sides, score and category deltas, and the
// failing objects that are new, fixed or still open per check and per namespace. Server-rendered.
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import type { ObjectRef } from "@/lib/engine/types";
import type { ComparedSide, SnapshotComparison } from "@/lib/server/snapshot-compare";

function label(s: ComparedSide): string {
  if (s.name) return s.name;
  const files = s.filename.split(", ");
  return files.length > 1 ? `${files[0]} + ${files.length - 1} more` : s.filename;
}

function Delta({ value }: { value: number | null }) {
  if (value === null) return <span className="text-slate-600">—</span>;
  const tone = value > 0 ? "text-emerald-800" : value < 0 ? "text-red-800" : "text-slate-600";
  return <span className={`font-mono font-semibold ${tone}`}>{value > 0 ? `+${value}` : value}</span>;
}

function Side({ side, role }: { side: ComparedSide; role: string }) {
  return (
    <div className="flex-1 rounded-md border border-slate-200 p-4">
      <p className="text-xs font-medium text-slate-600 uppercase">{role}</p>
      <p className="mt-1 font-semibold break-all">
        {label(side)}
        {side.baseline ? (
          <span className="ml-2 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900">
            Baseline
          </span>
        ) : null}
      </p>
      <p className="text-sm text-slate-600">
        {formatDate(side.createdAt)} · {side.objectCount} objects
      </p>
      <p className="mt-2 text-2xl font-bold" data-testid={`score-${role.toLowerCase()}`}>
        {side.score === null ? "—" : `${side.score}/100`}
        <span className="ml-2 text-base font-medium text-slate-600">
          {side.sufficient ? (side.grade ?? "") : "insufficient data"}
        </span>
      </p>
    </div>
  );
}

function objectText(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}

function Objects({ title, objects, total }: { title: string; objects: ObjectRef[]; total: number }) {
  if (total === 0) return null;
  return (
    <div>
      <p className="text-xs font-medium text-slate-700">
        {title} ({total}
        {total > objects.length ? `, first ${objects.length} listed` : ""})
      </p>
      <ul className="mt-1 list-disc pl-5 font-mono text-xs text-slate-700">
        {objects.map((o) => (
          <li key={objectText(o)}>{objectText(o)}</li>
        ))}
      </ul>
    </div>
  );
}

export function ComparisonView({ assessmentId, c }: { assessmentId: string; c: SnapshotComparison }) {
  const { totals } = c.findings;
  const changed = c.findings.byCheck.filter((x) => x.new > 0 || x.fixed > 0);
  const unchanged = c.findings.byCheck.length - changed.length;
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        <Link href={`/assessments/${assessmentId}/snapshots`} className="text-brand-700 hover:underline">
          ← Snapshots
        </Link>
      </p>
      <Card title="Compared snapshots">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-stretch">
          <Side side={c.from} role="Before" />
          <div className="flex items-center justify-center px-2 text-center" data-testid="score-delta">
            <span>
              <span className="block text-xs text-slate-600">Score change</span>
              <Delta value={c.scoreDelta} />
            </span>
          </div>
          <Side side={c.to} role="After" />
        </div>
        <p className="mt-3 text-sm text-slate-600">
          Both scored with {c.checklist ? `${c.checklist.name} v${c.checklist.number}` : "no checklist"} and
          today&apos;s manual answers, so only the snapshots differ.
          {c.partial
            ? " One of them was stored before every affected object was kept: its comparison covers the first objects of each finding only."
            : ""}
        </p>
      </Card>
      <Card title="Failing objects">
        <ul className="grid grid-cols-3 gap-3 text-center" aria-label="Failing objects, before and after">
          <li className="rounded-md bg-red-50 p-3">
            <span className="block text-2xl font-bold text-red-800" data-testid="count-new">
              {totals.new}
            </span>
            <span className="text-sm text-red-900">new</span>
          </li>
          <li className="rounded-md bg-emerald-50 p-3">
            <span className="block text-2xl font-bold text-emerald-800" data-testid="count-fixed">
              {totals.fixed}
            </span>
            <span className="text-sm text-emerald-900">fixed</span>
          </li>
          <li className="rounded-md bg-slate-100 p-3">
            <span className="block text-2xl font-bold text-slate-800" data-testid="count-open">
              {totals.open}
            </span>
            <span className="text-sm text-slate-800">still open</span>
          </li>
        </ul>
      </Card>
      <Card title="Per category">
        <Table>
          <caption className="sr-only">Category scores before and after</caption>
          <TableHead
            columns={[
              "Category",
              { label: "Before", className: "px-4 py-2 text-right" },
              { label: "After", className: "px-4 py-2 text-right" },
              { label: "Change", className: "px-4 py-2 text-right" },
            ]}
          />
          <TableBody>
            {c.categories.map((row) => (
              <tr key={row.category}>
                <td className="px-4 py-2 capitalize">{row.category}</td>
                <td className="px-4 py-2 text-right font-mono">{row.from ?? "—"}</td>
                <td className="px-4 py-2 text-right font-mono">{row.to ?? "—"}</td>
                <td className="px-4 py-2 text-right">
                  <Delta value={row.delta} />
                </td>
              </tr>
            ))}
          </TableBody>
        </Table>
      </Card>
      <Card title="Per check">
        {changed.length === 0 ? (
          <p className="text-sm text-slate-600">No check changed its failing objects.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Checks whose failing objects changed">
            {changed.map((x) => (
              <li key={x.checkId} className="py-3">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center gap-3 text-sm">
                    <SeverityBadge severity={x.severity} />
                    <span className="font-medium">{x.title}</span>
                    <span className="font-mono text-xs text-slate-600">{x.checkId}</span>
                    <span className="ml-auto text-slate-700">
                      <span className="text-red-800">{x.new} new</span> ·{" "}
                      <span className="text-emerald-800">{x.fixed} fixed</span> · {x.open} still open
                    </span>
                  </summary>
                  <div className="mt-2 grid gap-3 sm:grid-cols-2">
                    <Objects title="New" objects={x.newObjects} total={x.new} />
                    <Objects title="Fixed" objects={x.fixedObjects} total={x.fixed} />
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
        {unchanged > 0 ? (
          <p className="mt-2 text-xs text-slate-600">
            {unchanged} more check{unchanged === 1 ? "" : "s"} fail on the same objects in both.
          </p>
        ) : null}
      </Card>
      <Card title="Per namespace">
        {c.findings.byNamespace.length === 0 ? (
          <p className="text-sm text-slate-600">No failing objects in either snapshot.</p>
        ) : (
          <Table>
            <caption className="sr-only">Failing objects per namespace</caption>
            <TableHead
              columns={[
                "Namespace",
                { label: "New", className: "px-4 py-2 text-right" },
                { label: "Fixed", className: "px-4 py-2 text-right" },
                { label: "Still open", className: "px-4 py-2 text-right" },
              ]}
            />
            <TableBody>
              {c.findings.byNamespace.map((n) => (
                <tr key={n.namespace}>
                  <td className="px-4 py-2 font-mono">{n.namespace || "(cluster-wide)"}</td>
                  <td className="px-4 py-2 text-right font-mono">{n.new}</td>
                  <td className="px-4 py-2 text-right font-mono">{n.fixed}</td>
                  <td className="px-4 py-2 text-right font-mono">{n.open}</td>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
