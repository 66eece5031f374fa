"use client";

// The findings explorer: objects of the latest snapshot by status (failing, exempt, passing), one row
// per object per check, optionally grouped by namespace or owning workload. The server filters, sorts,
// groups and paginates (GET /api/assessments/{id}/findings); the table only shows a page. Filters live
// in the URL, so a filtered view can be bookmarked, shared and walked back with Back.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment, useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { SelectField, Field } from "@/components/ui/field";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { api } from "@/lib/client/fetcher";
import { CATEGORIES, SEVERITIES, type Category, type Severity } from "@/lib/engine/types";
import { checkHref, objectHref } from "./links";
import { STATUS_WORD, StatusBadge, type ResultStatus } from "./status-badge";

interface OwnerDto {
  kind: string;
  namespace?: string;
  name: string;
}

interface FindingRowDto {
  checkId: string;
  status: ResultStatus;
  title: string;
  category: Category;
  severity: Severity;
  kind: string;
  namespace: string;
  name: string;
  containers: string[];
  messages: string[];
  exemptions: { reason: string; source: "admin exemption" | "annotation" }[];
  owner: OwnerDto | null;
  group?: string;
}

interface GroupDto {
  key: string;
  label: string;
  namespace: string;
  owner: OwnerDto | null;
  objects: number;
  rows: number;
}

interface FindingsPageDto {
  snapshot: { id: string; name: string | null; filename: string; createdAt: string } | null;
  checklist: { name: string; number: number } | null;
  partial: boolean;
  total: number;
  pages: number;
  rows: FindingRowDto[];
  groups: GroupDto[];
  severities: Record<Severity, number>;
  checks: {
    checkId: string;
    title: string;
    severity: Severity;
    failing: number;
    exempt: number;
    passing: number;
  }[];
  namespaces: string[];
  kinds: string[];
}

const FILTERS = ["severity", "category", "check", "namespace", "kind", "q", "owner"] as const;
const STATUSES: ResultStatus[] = ["fail", "exempt", "pass"];
const SORTABLE = ["severity", "check", "namespace", "kind", "name"] as const;
type SortKey = (typeof SORTABLE)[number];
const PAGE_SIZES = [25, 50, 100, 200];

const column = createColumnHelper<FindingRowDto>();
const columnsFor = (assessmentId: string) => [
  column.accessor("status", {
    header: "Status",
    cell: (c) => <StatusBadge status={c.getValue()} />,
  }),
  column.accessor("severity", {
    header: "Severity",
    cell: (c) => <SeverityBadge severity={c.getValue()} />,
  }),
  column.accessor("checkId", {
    id: "check",
    header: "Check",
    cell: (c) => (
      <span>
        <Link href={checkHref(assessmentId, c.getValue())} className="text-brand-700 font-medium underline">
          {c.row.original.title}
        </Link>
        <span className="block font-mono text-xs text-slate-600">{c.getValue()}</span>
      </span>
    ),
  }),
  column.accessor("namespace", {
    header: "Namespace",
    cell: (c) => c.getValue() || <span className="text-slate-600">cluster-wide</span>,
  }),
  column.accessor("kind", { header: "Kind", cell: (c) => c.getValue() || "—" }),
  column.accessor("name", {
    header: "Name",
    cell: (c) =>
      c.row.original.kind ? (
        <Link
          href={objectHref(assessmentId, c.row.original)}
          className="text-brand-700 font-mono text-xs break-all underline"
        >
          {c.getValue()}
        </Link>
      ) : (
        "—"
      ),
  }),
  column.display({
    id: "detail",
    header: "Detail",
    cell: (c) => (
      <div className="text-xs text-slate-700">
        {c.row.original.owner &&
        (c.row.original.owner.kind !== c.row.original.kind ||
          c.row.original.owner.name !== c.row.original.name) ? (
          <p>
            <span className="font-medium">Owner:</span> {c.row.original.owner.kind}{" "}
            {c.row.original.owner.name}
          </p>
        ) : null}
        {c.row.original.containers.length > 0 ? (
          <p>
            <span className="font-medium">Containers:</span> {c.row.original.containers.join(", ")}
          </p>
        ) : null}
        {c.row.original.exemptions.map((e) => (
          <p key={e.reason}>
            <span className="font-medium">
              Exempt ({e.source === "admin exemption" ? "admin exemption" : "kubeready.io/exempt annotation"}
              ):
            </span>{" "}
            {e.reason}
          </p>
        ))}
        <ul className="list-disc pl-4">
          {c.row.original.messages.slice(0, 3).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    ),
  }),
];

export function FindingsExplorer({ assessmentId }: { assessmentId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const sort = (SORTABLE as readonly string[]).includes(params.get("sort") ?? "")
    ? (params.get("sort") as SortKey)
    : "severity";
  const dir = params.get("dir") === "asc" || params.get("dir") === "desc" ? params.get("dir")! : null;
  const effectiveDir = dir ?? (sort === "severity" ? "desc" : "asc");
  const page = Math.max(1, Number(params.get("page")) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get("pageSize"))) ? Number(params.get("pageSize")) : 50;
  const [search, setSearch] = useState(params.get("q") ?? "");
  const status = (STATUSES as string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as ResultStatus)
    : "fail";
  const group =
    params.get("group") === "namespace" || params.get("group") === "owner" ? params.get("group")! : "";

  const apiQuery = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) apiQuery.set(f, v);
  }
  if (status !== "fail") apiQuery.set("status", status);
  if (group) apiQuery.set("group", group);
  apiQuery.set("sort", sort);
  if (dir) apiQuery.set("dir", dir);
  apiQuery.set("page", String(page));
  apiQuery.set("pageSize", String(pageSize));
  const url = `/api/assessments/${assessmentId}/findings?${apiQuery}`;
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ["findings", assessmentId, apiQuery.toString()],
    queryFn: () => api<FindingsPageDto>(url),
    placeholderData: keepPreviousData,
  });

  // Two quick changes (a status, then a check) must both land: the second builds on the URL the first
  // asked for, not on the one this render saw, which the first navigation has not replaced yet.
  const latestQuery = useRef(params.toString());
  useEffect(() => {
    latestQuery.current = params.toString();
  }, [params]);

  /** Changes the URL's filters; any change but the page goes back to page 1. */
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(latestQuery.current);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in changes)) next.delete("page");
    latestQuery.current = next.toString();
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  // The compiler leaves this component unmemoized (TanStack Table's instance is mutable); it renders
  // one server page of at most 200 rows, so that costs nothing noticeable.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: data?.rows ?? [],
    columns: columnsFor(assessmentId),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount: data?.pages ?? -1,
    state: {
      sorting: [{ id: sort, desc: effectiveDir === "desc" }],
      pagination: { pageIndex: page - 1, pageSize },
    },
  });

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    update({ q: search.trim() || null });
  };
  const filtered = FILTERS.some((f) => params.get(f));

  if (error) {
    return (
      <p role="alert" className="text-sm text-red-700">
        The findings could not be loaded: {error.message}
      </p>
    );
  }
  if (isPending) return <p className="text-sm text-slate-600">Loading findings…</p>;
  if (!data.snapshot) {
    return (
      <EmptyState title="No snapshot yet">
        Upload a snapshot of the cluster on the Snapshots tab to see which objects fail which checks.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Objects of the latest snapshot ({data.snapshot.name ?? data.snapshot.filename}), one row per object
        per check of the checklist
        {data.checklist ? ` ${data.checklist.name} v${data.checklist.number}` : ""}. Containers are listed as
        a detail of their workload&apos;s row.
      </p>
      {data.partial ? (
        <p className="text-sm text-amber-900">
          This snapshot was stored before whole findings were kept: only the first objects of each check are
          listed. Upload it again for the full list.
        </p>
      ) : null}

      <form
        role="search"
        aria-label="Filter findings"
        onSubmit={onSearch}
        className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4"
      >
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => update({ status: e.target.value === "fail" ? null : e.target.value })}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORD[s]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Group by" value={group} onChange={(e) => update({ group: e.target.value })}>
          <option value="">No grouping</option>
          <option value="namespace">Namespace</option>
          <option value="owner">Owning workload</option>
        </SelectField>
        <SelectField
          label="Severity"
          value={params.get("severity") ?? ""}
          onChange={(e) => update({ severity: e.target.value })}
        >
          <option value="">All severities</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s} ({data.severities[s]})
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Category"
          value={params.get("category") ?? ""}
          onChange={(e) => update({ category: e.target.value })}
        >
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Check"
          value={params.get("check") ?? ""}
          onChange={(e) => update({ check: e.target.value })}
        >
          <option value="">All checks</option>
          {data.checks
            .filter((c) => status !== "fail" || c.failing > 0 || c.checkId === params.get("check"))
            .map((c) => (
              <option key={c.checkId} value={c.checkId}>
                {c.title}
                {status === "fail" ? ` (${c.failing})` : ""}
              </option>
            ))}
        </SelectField>
        <SelectField
          label="Namespace"
          value={params.get("namespace") ?? ""}
          onChange={(e) => update({ namespace: e.target.value })}
        >
          <option value="">All namespaces</option>
          {data.namespaces
            .filter((n) => n)
            .map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
        </SelectField>
        <SelectField
          label="Kind"
          value={params.get("kind") ?? ""}
          onChange={(e) => update({ kind: e.target.value })}
        >
          <option value="">All kinds</option>
          {data.kinds
            .filter((k) => k)
            .map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
        </SelectField>
        <Field
          label="Object name contains"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={200}
        />
        <div className="flex items-end gap-2">
          <Button type="submit">Search</Button>
          {filtered ? (
            <Button
              variant="secondary"
              onClick={() => {
                setSearch("");
                update(Object.fromEntries(FILTERS.map((f) => [f, null])));
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>

      <p aria-live="polite" className="text-sm font-medium text-slate-800" data-testid="findings-total">
        {data.total === 1
          ? `1 ${STATUS_WORD[status]} object`
          : `${data.total} ${STATUS_WORD[status]} objects`}
        {filtered ? " match these filters" : ""}
        {isFetching ? " (updating…)" : ""}
      </p>

      {params.get("owner") ? (
        <p className="text-sm text-slate-800">
          Owned by <span className="font-mono">{params.get("owner")}</span>{" "}
          <button type="button" className="text-brand-700 underline" onClick={() => update({ owner: null })}>
            Show every owner
          </button>
        </p>
      ) : null}

      {data.groups.length > 1 ? (
        <section aria-labelledby="findings-groups" className="text-sm">
          <h2 id="findings-groups" className="font-semibold text-slate-900">
            {group === "owner" ? "By owning workload" : "By namespace"} (objects, each counted once)
          </h2>
          <ul className="mt-1 flex flex-wrap gap-2">
            {data.groups.slice(0, 50).map((g) => (
              <li key={g.key}>
                <button
                  type="button"
                  className="rounded-full px-2 py-0.5 ring-1 ring-slate-300 hover:bg-slate-100"
                  onClick={() =>
                    group === "owner"
                      ? update({ owner: g.key || null })
                      : update({ namespace: g.namespace || null })
                  }
                  disabled={!g.key}
                >
                  {g.label}: {g.objects}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {data.total === 0 ? (
        <EmptyState
          title={
            filtered
              ? `No ${STATUS_WORD[status]} object matches these filters`
              : `No ${STATUS_WORD[status]} objects`
          }
        >
          {filtered
            ? "Try another severity or namespace, or clear the filters."
            : status === "fail"
              ? "Every object of the latest snapshot passes the checks on the checklist."
              : "Try another status."}
        </EmptyState>
      ) : (
        <div
          className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
          tabIndex={0}
          role="region"
          aria-label="Findings table"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {STATUS_WORD[status]} objects
              {group ? `, grouped by ${group === "owner" ? "owning workload" : "namespace"}` : ""}, page{" "}
              {page} of {data.pages}, sorted by {sort} ({effectiveDir === "desc" ? "descending" : "ascending"}
              )
            </caption>
            <thead className="bg-slate-50 text-xs text-slate-700 uppercase">
              {table.getHeaderGroups().map((hg) => (
                <tr key={hg.id}>
                  {hg.headers.map((h) => {
                    const key = h.column.id as SortKey;
                    const sortable = (SORTABLE as readonly string[]).includes(key);
                    const active = sortable && key === sort;
                    return (
                      <th
                        key={h.id}
                        scope="col"
                        className="px-3 py-2"
                        aria-sort={
                          active ? (effectiveDir === "desc" ? "descending" : "ascending") : undefined
                        }
                      >
                        {sortable ? (
                          <button
                            type="button"
                            className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                            onClick={() =>
                              update({
                                sort: key,
                                dir: active ? (effectiveDir === "desc" ? "asc" : "desc") : null,
                              })
                            }
                          >
                            {flexRender(h.column.columnDef.header, h.getContext())}
                            <span aria-hidden="true">
                              {active ? (effectiveDir === "desc" ? "▼" : "▲") : "↕"}
                            </span>
                          </button>
                        ) : (
                          flexRender(h.column.columnDef.header, h.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.getRowModel().rows.map((row, i, rows) => {
                const g = row.original.group;
                const header =
                  g !== undefined && (i === 0 || rows[i - 1]!.original.group !== g)
                    ? data.groups.find((x) => x.key === g)
                    : undefined;
                return (
                  <Fragment
                    key={`${row.original.checkId} ${row.original.kind} ${row.original.namespace} ${row.original.name}`}
                  >
                    {header ? (
                      <tr className="bg-slate-100">
                        <th
                          scope="rowgroup"
                          colSpan={row.getVisibleCells().length}
                          className="px-3 py-1.5 text-left"
                        >
                          <span className="font-semibold text-slate-900">{header.label}</span>{" "}
                          <span className="font-normal text-slate-700">
                            {header.objects === 1 ? "1 object" : `${header.objects} objects`}, {header.rows}{" "}
                            {header.rows === 1 ? "row" : "rows"}
                          </span>
                        </th>
                      </tr>
                    ) : null}
                    <tr>
                      {row.getVisibleCells().map((cell) => (
                        <td key={cell.id} className="px-3 py-2 align-top">
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      ))}
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {data.total > 0 ? (
        <nav aria-label="Findings pages" className="flex flex-wrap items-center gap-3 text-sm">
          <Button variant="secondary" disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>
            Previous page
          </Button>
          <span>
            Page {page} of {data.pages}
          </span>
          <Button
            variant="secondary"
            disabled={page >= data.pages}
            onClick={() => update({ page: String(page + 1) })}
          >
            Next page
          </Button>
          <label className="flex items-center gap-2">
            Rows per page
            <select
              className="rounded-md border border-slate-300 px-2 py-1"
              value={pageSize}
              onChange={(e) => update({ pageSize: e.target.value })}
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </nav>
      ) : null}
    </div>
  );
}
