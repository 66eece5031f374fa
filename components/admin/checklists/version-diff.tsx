"use client";

import { paramText } from "@/lib/client/check-params";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { api } from "@/lib/client/fetcher";
import { LoadingRow, SelectField, SeverityBadge } from "./controls";
import { checklistKeys, type ItemDto, type VersionDiffDto, type VersionSummaryDto } from "./queries";

/** Positions are stored from 0; the editor numbers items from 1. */
function show(value: unknown, field?: string): string {
  if (field === "position" && typeof value === "number") return String(value + 1);
  if (field === "params") {
    if (typeof value !== "string") return "check defaults";
    const params = JSON.parse(value) as Record<string, unknown>;
    return Object.entries(params)
      .map(([name, v]) => `${name} = ${paramText(v)}`)
      .join("; ");
  }
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

function ItemsTable({ caption, items }: { caption: string; items: ItemDto[] }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="py-2 text-left font-medium">
        {caption} ({items.length})
      </caption>
      {items.length > 0 ? (
        <>
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th className="py-1 pr-4">Item</th>
              <th className="py-1 pr-4">Category</th>
              <th className="py-1">Severity</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((i) => (
              <tr key={i.key}>
                <td className="py-2 pr-4">
                  {i.title} <code className="text-xs text-slate-500">{i.key}</code>
                </td>
                <td className="py-2 pr-4 capitalize">{i.category}</td>
                <td className="py-2">
                  <SeverityBadge severity={i.severity} />
                </td>
              </tr>
            ))}
          </tbody>
        </>
      ) : (
        <tbody>
          <tr>
            <td className="py-1 text-slate-500">None.</td>
          </tr>
        </tbody>
      )}
    </table>
  );
}

/** Compare two versions of one checklist; items are matched by their stable key. */
export function VersionDiff({
  versions,
  selectedId,
}: {
  versions: VersionSummaryDto[];
  selectedId: string | null;
}) {
  // Until the admin picks, compare the selected version with the one before it (versions are newest first),
  // or, for the first version, with the one after it.
  const at = Math.max(
    0,
    versions.findIndex((v) => v.id === selectedId),
  );
  const older = versions[at + 1];
  const defaultFrom = (older ?? versions[at])?.id ?? "";
  const defaultTo = (older ? versions[at] : versions[at - 1])?.id ?? "";
  const [picked, setPicked] = useState<{ from: string | null; to: string | null }>({ from: null, to: null });
  const from = picked.from ?? defaultFrom;
  const to = picked.to ?? defaultTo;
  const number = (id: string) => versions.find((v) => v.id === id)?.number;
  const diff = useQuery({
    queryKey: checklistKeys.diff(from, to),
    queryFn: () =>
      api<VersionDiffDto>(
        `/api/admin/checklist-versions/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      ),
    enabled: from !== "" && to !== "" && from !== to,
  });

  const options = versions.map((v) => (
    <option key={v.id} value={v.id}>
      v{v.number} ({v.status})
    </option>
  ));
  const nothing =
    diff.data && diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0;

  return (
    // Deliberately not a labelled region: its name would shadow the "Compare" select in label lookups.
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="version-diff">
      <h2 className="text-base font-semibold">
        Compare v{number(from) ?? "?"} with v{number(to) ?? "?"}
      </h2>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <SelectField label="Compare" value={from} onChange={(e) => setPicked({ from: e.target.value, to })}>
          {options}
        </SelectField>
        <SelectField label="with" value={to} onChange={(e) => setPicked({ from, to: e.target.value })}>
          {options}
        </SelectField>
      </div>
      <div className="mt-4">
        {from === to ? <p className="text-sm text-slate-500">Pick two different versions.</p> : null}
        {diff.isLoading ? <LoadingRow label="Comparing…" /> : null}
        {diff.error ? <Alert tone="error">{diff.error.message}</Alert> : null}
        {nothing ? <p className="text-sm text-slate-600">The two versions have the same items.</p> : null}
        {diff.data && !nothing ? (
          <div className="flex flex-col gap-4">
            <ItemsTable caption="Added" items={diff.data.added} />
            <ItemsTable caption="Removed" items={diff.data.removed} />
            <table className="w-full text-left text-sm">
              <caption className="py-2 text-left font-medium">Changed ({diff.data.changed.length})</caption>
              {diff.data.changed.length > 0 ? (
                <>
                  <thead className="text-xs text-slate-500 uppercase">
                    <tr>
                      <th className="py-1 pr-4">Item</th>
                      <th className="py-1 pr-4">Field</th>
                      <th className="py-1 pr-4">Before</th>
                      <th className="py-1">After</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {diff.data.changed.flatMap((c) =>
                      c.changes.map((ch, i) => (
                        <tr key={`${c.key}:${ch.field}`}>
                          {i === 0 ? (
                            <th
                              scope="row"
                              rowSpan={c.changes.length}
                              className="py-2 pr-4 align-top font-normal"
                            >
                              {c.title} <code className="text-xs text-slate-500">{c.key}</code>
                            </th>
                          ) : null}
                          <td className="py-2 pr-4 align-top font-mono text-xs">{ch.field}</td>
                          <td className="py-2 pr-4 align-top text-red-800">
                            <del className="whitespace-pre-wrap no-underline">
                              {show(ch.before, ch.field)}
                            </del>
                          </td>
                          <td className="py-2 align-top text-emerald-800">
                            <ins className="whitespace-pre-wrap no-underline">{show(ch.after, ch.field)}</ins>
                          </td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </>
              ) : (
                <tbody>
                  <tr>
                    <td className="py-1 text-slate-500">None.</td>
                  </tr>
                </tbody>
              )}
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}
