"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { api } from "@/lib/client/fetcher";
import { LoadingRow, SelectField } from "./checklists/controls";

interface AuditEventDto {
  id: string;
  actor: { name: string; email: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
  createdAt: string;
}

// The entity types the server records (lib/server/audit.ts).
const ENTITY_TYPES: { value: string; label: string }[] = [
  { value: "assessment", label: "Assessments" },
  { value: "snapshot", label: "Snapshots" },
  { value: "team", label: "Teams" },
  { value: "api-token", label: "API tokens" },
  { value: "checklist", label: "Checklists" },
  { value: "checklist-version", label: "Checklist versions" },
  { value: "checklist-item", label: "Checklist items" },
  { value: "exemption", label: "Exemptions" },
  { value: "share-link", label: "Share links" },
  { value: "user", label: "Users" },
];
const LIMITS = [50, 200, 500];

const auditKeys = {
  list: (entityType: string, limit: number) => ["admin", "audit", entityType, limit] as const,
};

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="min-w-0 flex-1">
      <h4 className="text-xs font-semibold text-slate-500 uppercase">{label}</h4>
      {value === null || value === undefined ? (
        <p className="mt-1 text-sm text-slate-500">—</p>
      ) : (
        <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs text-slate-800">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  );
}

export function AuditPanel() {
  const [entityType, setEntityType] = useState("");
  const [limit, setLimit] = useState(200);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const events = useQuery({
    queryKey: auditKeys.list(entityType, limit),
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(limit) });
      if (entityType) q.set("entityType", entityType);
      return api<{ events: AuditEventDto[] }>(`/api/admin/audit?${q.toString()}`).then((r) => r.events);
    },
    placeholderData: keepPreviousData,
  });
  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every change to checklists, exemptions, share links and users, newest first, with the record before
          and after the change.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label="Entity type" value={entityType} onChange={(e) => setEntityType(e.target.value)}>
          <option value="">All</option>
          {ENTITY_TYPES.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Show" value={limit} onChange={(e) => setLimit(Number(e.target.value))}>
          {LIMITS.map((n) => (
            <option key={n} value={n}>
              Last {n} events
            </option>
          ))}
        </SelectField>
        {events.isFetching && !events.isPending ? <LoadingRow label="Updating…" /> : null}
      </div>

      {events.isPending ? <LoadingRow label="Loading events…" /> : null}
      {events.error ? <Alert tone="error">{events.error.message}</Alert> : null}
      {events.data && events.data.length === 0 ? (
        <EmptyState title="No events">
          {entityType ? "Nothing of this type has changed yet." : "Nothing has been changed yet."}
        </EmptyState>
      ) : null}
      {events.data && events.data.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <Table>
            <caption className="sr-only">Audit events</caption>
            <TableHead columns={["When", "Who", "Action", "Entity", "Summary"]} actions="Details" />
            <TableBody>
              {events.data.map((e) => {
                const open = expanded.has(e.id);
                const hasDetails = e.before !== null || e.after !== null;
                return (
                  <Fragment key={e.id}>
                    <tr>
                      <td className="px-4 py-3 align-top whitespace-nowrap">{formatDate(e.createdAt)}</td>
                      <td className="px-4 py-3 align-top">
                        {e.actor ? (
                          <>
                            {e.actor.name}
                            <span className="block text-xs text-slate-500">{e.actor.email}</span>
                          </>
                        ) : (
                          <span className="text-slate-500">system</span>
                        )}
                      </td>
                      <td className="px-4 py-3 align-top whitespace-nowrap">
                        <code className="text-xs">{e.action}</code>
                      </td>
                      <td className="px-4 py-3 align-top">
                        {e.entityType}
                        <code
                          className="block max-w-[10rem] truncate text-xs text-slate-500"
                          title={e.entityId}
                        >
                          {e.entityId}
                        </code>
                      </td>
                      <td className="px-4 py-3 align-top">{e.summary}</td>
                      <td className="px-4 py-3 text-right align-top">
                        {hasDetails ? (
                          <Button
                            variant="ghost"
                            aria-expanded={open}
                            aria-controls={`audit-${e.id}`}
                            aria-label={`${open ? "Hide" : "Show"} changes: ${e.summary}`}
                            onClick={() => toggle(e.id)}
                          >
                            {open ? "Hide" : "Changes"}
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                    {open ? (
                      <tr id={`audit-${e.id}`}>
                        <td colSpan={6} className="bg-white px-4 pb-4">
                          <div className="flex flex-col gap-4 md:flex-row">
                            <Json label="Before" value={e.before} />
                            <Json label="After" value={e.after} />
                          </div>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
