"use client";

// The snapshots of an assessment: open the report, rename, mark the baseline, pick two to compare,
// delete (audited). Each row is one upload, several files uploaded together included.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { assessmentKeys } from "@/components/assessments/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog, useConfirmedMutation } from "@/components/ui/confirm-dialog";
import { formatBytes, formatDate } from "@/components/ui/format";
import { InlineRenameForm } from "@/components/ui/inline-rename-form";
import { api } from "@/lib/client/fetcher";
import { CurlExample } from "./curl-example";

export interface SnapshotDto {
  id: string;
  filename: string;
  name: string | null;
  baseline: boolean;
  format: string;
  sizeBytes: number;
  objectCount: number;
  score: number | null;
  createdAt: string;
  warnings: { file: string; document?: number; message: string }[];
  uploadedBy: { name: string };
}

/** The name people see: theirs, or the file name ("a.yaml + 3 more" for several files). */
export function snapshotLabel(s: Pick<SnapshotDto, "name" | "filename">): string {
  if (s.name) return s.name;
  const files = s.filename.split(", ");
  return files.length > 1 ? `${files[0]} + ${files.length - 1} more` : s.filename;
}

export function compareHref(assessmentId: string, from: string, to: string) {
  return `/assessments/${assessmentId}/snapshots/compare?from=${from}&to=${to}`;
}

export function SnapshotList({ assessmentId }: { assessmentId: string }) {
  const qc = useQueryClient();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const snapshots = useQuery({
    queryKey: assessmentKeys.snapshots(assessmentId),
    queryFn: () =>
      api<{ snapshots: SnapshotDto[] }>(`/api/assessments/${assessmentId}/snapshots`).then(
        (r) => r.snapshots,
      ),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: assessmentKeys.snapshots(assessmentId) });
  const patch = (id: string, body: { name?: string | null; baseline?: boolean }) =>
    api(`/api/snapshots/${id}`, { method: "PATCH", body });
  const baseline = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) => patch(id, { baseline: on }),
    onSuccess: refresh,
  });
  const remove = useConfirmedMutation({
    mutationFn: (s: SnapshotDto) => api(`/api/snapshots/${s.id}`, { method: "DELETE" }),
    onSuccess: (s) => {
      setPicked((p) => p.filter((id) => id !== s.id));
      // The server re-scores on what is left: the report, the header and the dashboard change too.
      for (const queryKey of [
        assessmentKeys.snapshots(assessmentId),
        assessmentKeys.report(assessmentId),
        assessmentKeys.detail(assessmentId),
        assessmentKeys.list(),
      ]) {
        void qc.invalidateQueries({ queryKey });
      }
    },
  });
  const list = snapshots.data ?? [];
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));
  // Older first, whatever the order they were ticked in.
  const pair = list.filter((s) => picked.includes(s.id)).reverse();
  const base = list.find((s) => s.baseline);
  const latest = list[0];

  return (
    <section aria-labelledby="snapshots-heading">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h2 id="snapshots-heading" className="text-lg font-semibold">
          Uploaded snapshots
        </h2>
        {list.length > 1 ? <p className="text-sm text-slate-600">Tick two to compare them.</p> : null}
        <div className="ml-auto flex flex-wrap gap-2">
          {base && latest && base.id !== latest.id ? (
            <Link
              href={compareHref(assessmentId, base.id, latest.id)}
              className="text-brand-700 rounded-md px-3 py-2 text-sm font-medium hover:underline"
            >
              Latest vs baseline
            </Link>
          ) : null}
          {pair.length === 2 ? (
            <Link
              href={compareHref(assessmentId, pair[0]!.id, pair[1]!.id)}
              className="bg-brand-600 hover:bg-brand-700 rounded-md px-3 py-2 text-sm font-medium text-white"
            >
              Compare {snapshotLabel(pair[0]!)} → {snapshotLabel(pair[1]!)}
            </Link>
          ) : null}
        </div>
      </div>
      {snapshots.isPending ? <p className="text-sm text-slate-600">Loading…</p> : null}
      {snapshots.error ? <Alert tone="error">{snapshots.error.message}</Alert> : null}
      {baseline.error ? <Alert tone="error">{baseline.error.message}</Alert> : null}
      {snapshots.data?.length === 0 ? (
        <EmptyState title="No snapshots yet">
          Upload one above.
          <CurlExample assessmentId={assessmentId} />
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {list.map((s, i) => (
            <li key={s.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 text-sm">
              {list.length > 1 ? (
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  checked={picked.includes(s.id)}
                  onChange={() => toggle(s.id)}
                  aria-label={`Pick ${snapshotLabel(s)} to compare`}
                />
              ) : null}
              {renaming === s.id ? (
                <InlineRenameForm
                  label={`Name of ${snapshotLabel(s)}`}
                  name={s.name ?? ""}
                  save={(name) => patch(s.id, { name })}
                  onSaved={refresh}
                  onDone={() => setRenaming(null)}
                  className="flex items-center gap-2"
                />
              ) : (
                <span className="flex min-w-0 flex-col">
                  <span className="font-medium break-all">
                    {snapshotLabel(s)}
                    {i === 0 ? (
                      <span className="ml-2 text-xs font-normal text-slate-600">(latest)</span>
                    ) : null}
                    {s.baseline ? (
                      <span className="ml-2 rounded-full bg-sky-100 px-2 py-0.5 text-xs font-medium text-sky-900">
                        Baseline
                      </span>
                    ) : null}
                  </span>
                  {s.name ? <span className="text-xs break-all text-slate-600">{s.filename}</span> : null}
                </span>
              )}
              <span className="text-slate-600">
                {s.objectCount} objects · {formatBytes(s.sizeBytes)} · {s.format}
              </span>
              <span className="text-slate-600">
                {formatDate(s.createdAt)} by {s.uploadedBy.name}
              </span>
              <span className="ml-auto font-mono">{s.score !== null ? `${s.score}/100` : "not scored"}</span>
              <span className="flex gap-1">
                <Button
                  variant="ghost"
                  onClick={() => setRenaming(s.id)}
                  aria-label={`Rename ${snapshotLabel(s)}`}
                >
                  Rename
                </Button>
                <Button
                  variant="ghost"
                  disabled={baseline.isPending}
                  onClick={() => baseline.mutate({ id: s.id, on: !s.baseline })}
                  aria-label={`${s.baseline ? "Unmark" : "Mark"} ${snapshotLabel(s)} as baseline`}
                >
                  {s.baseline ? "Unmark baseline" : "Mark as baseline"}
                </Button>
                <Button
                  variant="ghost"
                  onClick={() => remove.ask(s)}
                  aria-label={`Delete ${snapshotLabel(s)}`}
                >
                  Delete
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog {...remove.dialog} title="Delete snapshot?" confirmLabel="Delete">
        <p>
          {remove.target ? snapshotLabel(remove.target) : null} ({remove.target?.objectCount} objects,
          uploaded {formatDate(remove.target?.createdAt)}) will be deleted and the assessment re-scored on the
          snapshots that remain. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
