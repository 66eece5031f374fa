"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { assessmentKeys, useAssessment } from "@/components/assessments/queries";
import { VerdictBadge } from "@/components/assessments/verdict-badge";
import { Alert } from "@/components/ui/alert";
import { api } from "@/lib/client/fetcher";
import {
  questionnaire,
  questionnaireProgress,
  type AnswerValue,
  type Question,
} from "@/lib/engine/heuristic/questionnaire";
import { useAutosave, type AnswersState, SAVE_STATUS_TEXT } from "./use-autosave";

export function QuestionnairePanel({ assessmentId }: { assessmentId: string }) {
  const qc = useQueryClient();
  const answers = useQuery({
    queryKey: assessmentKeys.answers(assessmentId),
    queryFn: () => api<AnswersState<AnswerValue>>(`/api/assessments/${assessmentId}/answers`),
    // Our own saves update this cache; background refetches would fight the user's typing.
    refetchOnWindowFocus: false,
  });
  const [generation, setGeneration] = useState(0);
  const [conflict, setConflict] = useState<string | null>(null);
  const onConflict = useCallback(
    async (message: string) => {
      setConflict(message);
      await qc.refetchQueries({ queryKey: assessmentKeys.answers(assessmentId) });
      setGeneration((g) => g + 1);
    },
    [qc, assessmentId],
  );
  const onSaved = useCallback(() => setConflict(null), []);
  if (answers.isPending) return <p className="text-sm text-slate-500">Loading questionnaire…</p>;
  if (answers.error) return <Alert tone="error">Could not load answers: {answers.error.message}</Alert>;
  return (
    <div className="flex flex-col gap-4">
      {conflict ? <Alert tone="warning">{conflict}</Alert> : null}
      <QuestionnaireForm
        key={generation}
        assessmentId={assessmentId}
        initial={answers.data}
        reloadedAfterConflict={conflict !== null}
        onConflict={(m) => void onConflict(m)}
        onSaved={onSaved}
      />
    </div>
  );
}

function QuestionnaireForm({
  assessmentId,
  initial,
  reloadedAfterConflict,
  onConflict,
  onSaved,
}: {
  assessmentId: string;
  initial: AnswersState<AnswerValue>;
  reloadedAfterConflict: boolean;
  onConflict: (message: string) => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<string, AnswerValue>>(initial.answers);
  const { change, flush, status, message, fieldErrors } = useAutosave<AnswerValue>({
    url: `/api/assessments/${assessmentId}/answers`,
    queryKey: assessmentKeys.answers(assessmentId),
    alsoInvalidate: assessmentKeys.detail(assessmentId),
    initialVersion: initial.version,
    initialStatus: reloadedAfterConflict ? "conflict" : "idle",
    onConflict,
    onSaved,
  });
  const assessment = useAssessment(assessmentId);
  const progress = questionnaireProgress(values);

  const set = (id: string, value: AnswerValue) => {
    setValues((v) => ({ ...v, [id]: value }));
    change(id, value);
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="flex flex-col gap-6">
        {questionnaire.map((section) => (
          <section
            key={section.id}
            aria-labelledby={`section-${section.id}`}
            className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
          >
            <h2 id={`section-${section.id}`} className="text-base font-semibold">
              {section.title}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-600">{section.description}</p>
            <div className="flex flex-col divide-y divide-slate-100">
              {section.questions.map((q) => (
                <QuestionInput
                  key={q.id}
                  question={q}
                  value={values[q.id] ?? null}
                  error={fieldErrors[q.id]}
                  onChange={(v) => set(q.id, v)}
                  onBlur={() => void flush()}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
      <aside className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-sm font-medium">Progress</p>
          <div
            role="progressbar"
            aria-label="Questions answered"
            aria-valuemin={0}
            aria-valuemax={progress.total}
            aria-valuenow={progress.answered}
            className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
          >
            <div className="bg-brand-500 h-full transition-all" style={{ width: `${progress.percent}%` }} />
          </div>
          <p className="mt-2 text-sm text-slate-600">
            {progress.answered} of {progress.total} answered
          </p>
          <p className="mt-3 text-xs text-slate-500" aria-live="polite" data-testid="save-status">
            {SAVE_STATUS_TEXT[status]}
          </p>
          {message && status !== "conflict" ? <p className="mt-1 text-xs text-red-700">{message}</p> : null}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <p className="text-sm font-medium">Do you need Kubernetes?</p>
          <div className="mt-2">
            <VerdictBadge verdict={assessment.data?.needVerdict ?? null} score={assessment.data?.needScore} />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Updates as you answer. The report explains every point.
          </p>
        </div>
      </aside>
    </div>
  );
}

function QuestionInput({
  question,
  value,
  error,
  onChange,
  onBlur,
}: {
  question: Question;
  value: AnswerValue;
  error?: string;
  onChange: (value: AnswerValue) => void;
  onBlur: () => void;
}) {
  const id = `q-${question.id}`;
  const [text, setText] = useState(typeof value === "number" ? String(value) : "");
  const [localError, setLocalError] = useState<string | null>(null);
  const shownError = localError ?? error;
  return (
    <div className="py-4 first:pt-0 last:pb-0">
      {question.type === "integer" ? (
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {question.label}
        </label>
      ) : (
        <p id={`${id}-label`} className="text-sm font-medium text-slate-800">
          {question.label}
        </p>
      )}
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-500">
        {question.help}
      </p>
      <div className="mt-2">
        {question.type === "integer" ? (
          <div className="flex items-center gap-2">
            <input
              id={id}
              type="number"
              inputMode="numeric"
              min={question.min}
              max={question.max}
              value={text}
              aria-describedby={`${id}-help`}
              aria-invalid={shownError ? true : undefined}
              onBlur={onBlur}
              onChange={(e) => {
                const raw = e.target.value;
                setText(raw);
                if (raw.trim() === "") {
                  setLocalError(null);
                  onChange(null);
                  return;
                }
                const n = Number(raw);
                if (!Number.isInteger(n) || n < question.min || n > question.max) {
                  setLocalError(`Enter a whole number from ${question.min} to ${question.max}.`);
                  return;
                }
                setLocalError(null);
                onChange(n);
              }}
              className="w-32 rounded-md border border-slate-300 px-3 py-1.5 text-sm aria-invalid:border-red-500"
            />
            {question.unit ? <span className="text-sm text-slate-500">{question.unit}</span> : null}
          </div>
        ) : (
          <div role="radiogroup" aria-labelledby={`${id}-label`} className="flex flex-wrap gap-2">
            {(question.type === "boolean"
              ? [
                  { value: true, label: "Yes" },
                  { value: false, label: "No" },
                ]
              : question.options
            ).map((o) => (
              <label
                key={String(o.value)}
                className="has-checked:border-brand-500 has-checked:bg-brand-50 flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
              >
                <input
                  type="radio"
                  name={id}
                  checked={value === o.value}
                  onChange={() => onChange(o.value)}
                  onBlur={onBlur}
                />
                {o.label}
              </label>
            ))}
            {value !== null ? (
              <button
                type="button"
                onClick={() => onChange(null)}
                className="text-xs text-slate-500 underline"
              >
                Clear
              </button>
            ) : null}
          </div>
        )}
      </div>
      {shownError ? <p className="mt-1 text-xs text-red-700">{shownError}</p> : null}
    </div>
  );
}
