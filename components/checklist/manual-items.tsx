"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { assessmentKeys } from "@/components/assessments/queries";
import { useAutosave, SAVE_STATUS_TEXT } from "@/components/questionnaire/use-autosave";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { SeverityBadge } from "@/components/ui/severity-badge";
import { api } from "@/lib/client/fetcher";
import { MANUAL_ANSWERS, manualAnswerLabels, type ManualAnswer } from "@/lib/engine/checklist/model";
import type { Severity } from "@/lib/engine/types";

interface ManualItem {
  key: string;
  title: string;
  question: string | null;
  category: string;
  severity: Severity;
  rationale: string;
  remediation: string;
}

interface ChecklistAnswers {
  version: number;
  checklist: { id: string; number: number; checklist: { id: string; name: string } } | null;
  items: ManualItem[];
  answers: Record<string, ManualAnswer>;
}

interface PublishedChecklist {
  id: string;
  name: string;
  latestVersion: { id: string; number: number };
}

export function ChecklistPanel({ assessmentId }: { assessmentId: string }) {
  const qc = useQueryClient();
  const key = assessmentKeys.checklistAnswers(assessmentId);
  const data = useQuery({
    queryKey: key,
    queryFn: () => api<ChecklistAnswers>(`/api/assessments/${assessmentId}/checklist-answers`),
    refetchOnWindowFocus: false,
  });
  const [generation, setGeneration] = useState(0);
  const [conflict, setConflict] = useState<string | null>(null);
  const onConflict = useCallback(
    (message: string) => {
      setConflict(message);
      void qc.refetchQueries({ queryKey: key }).then(() => setGeneration((g) => g + 1));
    },
    [qc, key],
  );
  const onSaved = useCallback(() => setConflict(null), []);
  if (data.isPending) return <p className="text-sm text-slate-500">Loading checklist…</p>;
  if (data.error) return <Alert tone="error">Could not load the checklist: {data.error.message}</Alert>;
  return (
    <div className="flex flex-col gap-4">
      <ChecklistChooser assessmentId={assessmentId} current={data.data.checklist} />
      {conflict ? <Alert tone="warning">{conflict}</Alert> : null}
      <ManualItemsForm
        key={`${generation}-${data.data.checklist?.id ?? ""}`}
        assessmentId={assessmentId}
        initial={data.data}
        reloadedAfterConflict={conflict !== null}
        onConflict={onConflict}
        onSaved={onSaved}
      />
    </div>
  );
}

function ChecklistChooser({
  assessmentId,
  current,
}: {
  assessmentId: string;
  current: ChecklistAnswers["checklist"];
}) {
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ["checklists", "published"],
    queryFn: () => api<{ checklists: PublishedChecklist[] }>("/api/checklists").then((r) => r.checklists),
  });
  const [picked, setPicked] = useState<string | null>(null);
  // What the select shows: the user's pick, else the checklist in use, else the first one offered.
  const choice = picked ?? current?.checklist.id ?? list.data?.[0]?.id ?? "";
  const choose = useMutation({
    mutationFn: () =>
      api(`/api/assessments/${assessmentId}/checklist`, { method: "PUT", body: { checklistId: choice } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
  // A disabled button says why next to it (and to screen readers through aria-describedby).
  const why = choose.isPending
    ? "Switching…"
    : !list.data
      ? "Loading the published checklists…"
      : list.data.length === 0
        ? "No checklist is published yet: an administrator publishes one under Checklists."
        : choice === current?.checklist.id
          ? list.data.length === 1
            ? "This is the only published checklist, and it is already in use."
            : "Already in use: choose another checklist to switch."
          : null;
  return (
    <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <label className="flex max-w-full flex-col gap-1 text-sm">
        <span className="font-medium text-slate-700">Checklist</span>
        <select
          value={choice}
          onChange={(e) => setPicked(e.target.value)}
          className="max-w-full min-w-0 rounded-md border border-slate-300 px-3 py-2 sm:min-w-64"
        >
          {list.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} (v{c.latestVersion.number})
            </option>
          ))}
        </select>
      </label>
      <Button
        variant="secondary"
        onClick={() => choose.mutate()}
        disabled={why !== null}
        aria-describedby={why ? "use-checklist-why" : undefined}
      >
        Use this checklist
      </Button>
      <div className="text-sm text-slate-600">
        <p>
          {current
            ? `Scoring with ${current.checklist.name} version ${current.number}.`
            : "No checklist yet."}
        </p>
        {why ? <p id="use-checklist-why">{why}</p> : null}
      </div>
      {choose.error ? <p className="w-full text-sm text-red-700">{choose.error.message}</p> : null}
    </div>
  );
}

function ManualItemsForm({
  assessmentId,
  initial,
  reloadedAfterConflict,
  onConflict,
  onSaved,
}: {
  assessmentId: string;
  initial: ChecklistAnswers;
  reloadedAfterConflict: boolean;
  onConflict: (message: string) => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<string, ManualAnswer>>(initial.answers);
  const { change, flush, status, message, fieldErrors } = useAutosave<ManualAnswer>({
    url: `/api/assessments/${assessmentId}/checklist-answers`,
    queryKey: assessmentKeys.checklistAnswers(assessmentId),
    alsoInvalidate: assessmentKeys.detail(assessmentId),
    initialVersion: initial.version,
    initialStatus: reloadedAfterConflict ? "conflict" : "idle",
    onConflict,
    onSaved,
  });
  const set = (key: string, value: ManualAnswer) => {
    setValues((v) => ({ ...v, [key]: value }));
    change(key, value);
  };
  if (initial.items.length === 0) {
    return (
      <EmptyState title="This checklist has no manual items">
        Everything in it is checked from snapshots.
      </EmptyState>
    );
  }
  const answered = initial.items.filter((i) => values[i.key]).length;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex items-center justify-between text-sm">
        <p className="text-slate-600">
          Questions no snapshot can answer. {answered} of {initial.items.length} answered; unanswered items
          are shown as such in the report, never counted as passes or failures.
        </p>
        <p className="text-xs text-slate-500" aria-live="polite" data-testid="checklist-save-status">
          {SAVE_STATUS_TEXT[status]}
        </p>
      </div>
      {message && status !== "conflict" ? <Alert tone="error">{message}</Alert> : null}
      <ol className="flex flex-col gap-3">
        {initial.items.map((item) => {
          const value = values[item.key];
          const id = `m-${item.key}`;
          return (
            <li key={item.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-center gap-2">
                <SeverityBadge severity={item.severity} />
                <h3 id={`${id}-title`} className="font-medium">
                  {item.title}
                </h3>
                <span className="text-xs text-slate-500 capitalize">{item.category}</span>
              </div>
              <p className="mt-1 text-sm text-slate-800">{item.question}</p>
              <details className="mt-1 text-xs text-slate-500">
                <summary className="cursor-pointer">Why this matters</summary>
                <p className="mt-1">{item.rationale}</p>
                <p className="mt-1">
                  <span className="font-medium">How: </span>
                  {item.remediation}
                </p>
              </details>
              <div role="radiogroup" aria-labelledby={`${id}-title`} className="mt-3 flex flex-wrap gap-2">
                {MANUAL_ANSWERS.map((a) => (
                  <label
                    key={a}
                    className="has-checked:border-brand-500 has-checked:bg-brand-50 flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
                  >
                    <input
                      type="radio"
                      name={id}
                      checked={value?.answer === a}
                      onChange={() => set(item.key, { answer: a, note: value?.note ?? "" })}
                    />
                    {manualAnswerLabels[a]}
                  </label>
                ))}
              </div>
              <label className="mt-3 flex flex-col gap-1 text-sm">
                <span className="text-slate-600">Evidence note</span>
                <textarea
                  rows={2}
                  value={value?.note ?? ""}
                  disabled={!value}
                  placeholder={
                    value ? "Link to the runbook, ticket or dashboard…" : "Answer first, then add evidence"
                  }
                  onChange={(e) => set(item.key, { answer: value?.answer ?? "no", note: e.target.value })}
                  onBlur={() => void flush()}
                  className="rounded-md border border-slate-300 px-3 py-2 disabled:bg-slate-50"
                />
              </label>
              {fieldErrors[item.key] ? (
                <p className="mt-1 text-xs text-red-700">{fieldErrors[item.key]}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
