"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, ApiError } from "@/lib/client/fetcher";

export interface AnswersState<V = unknown> {
  version: number;
  answers: Record<string, V>;
}

export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error" | "conflict";

export const SAVE_STATUS_TEXT: Record<SaveStatus, string> = {
  idle: "All changes saved",
  pending: "Unsaved changes…",
  saving: "Saving…",
  saved: "All changes saved",
  error: "Not saved",
  // After a conflict the form shows the latest answers, without the edit that was refused: nothing
  // here may say "saved" until the next edit is.
  conflict: "Your last edit was not saved",
};

const DEBOUNCE_MS = 500;

/**
 * Autosave with optimistic concurrency. Changes collect in `pending` and go out in one PUT at a time
 * (so versions never race each other); the server's new version is used for the next PUT. A 409 means
 * someone else saved: we drop our unsent edits, reload the server's answers and say so.
 */
export function useAutosave<V>({
  url,
  queryKey,
  alsoInvalidate,
  initialVersion,
  initialStatus = "idle",
  onConflict,
  onSaved,
}: {
  /** PUT endpoint taking `{version, answers}` and answering `{version, answers}`. */
  url: string;
  /** Query whose cache holds the saved state. */
  queryKey: QueryKey;
  alsoInvalidate: QueryKey;
  initialVersion: number;
  /** "conflict" when the form was just reloaded after one. */
  initialStatus?: SaveStatus;
  onConflict: (message: string) => void;
  /** After each successful save (a conflict message before it no longer applies). */
  onSaved?: () => void;
}) {
  const qc = useQueryClient();
  const version = useRef(initialVersion);
  const pending = useRef<Record<string, V | null>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [status, setStatus] = useState<SaveStatus>(initialStatus);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (changes: Record<string, V | null>) =>
      api<AnswersState<V>>(url, { method: "PUT", body: { version: version.current, answers: changes } }),
  });
  const { mutateAsync } = mutation;
  const inFlight = useRef(false);

  const flush = useCallback(async (): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      // Edits made while a PUT is in flight go out in the next round, with the version it returned.
      while (Object.keys(pending.current).length > 0) {
        const changes = pending.current;
        pending.current = {};
        setStatus("saving");
        try {
          const saved = await mutateAsync(changes);
          version.current = saved.version;
          qc.setQueryData<AnswersState<V>>(queryKey, (old) => ({ ...old, ...saved }));
          void qc.invalidateQueries({ queryKey: alsoInvalidate });
          setFieldErrors((prev) => {
            const next = { ...prev };
            for (const id of Object.keys(changes)) delete next[id];
            return next;
          });
          setStatus("saved");
          setMessage(null);
          onSaved?.();
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) {
            pending.current = {};
            setStatus("conflict");
            onConflict(
              "These answers were changed in another tab or by someone else. We loaded the latest version; your last edit was not saved — please check it and enter it again.",
            );
          } else if (err instanceof ApiError && err.status === 400) {
            const errors: Record<string, string> = {};
            for (const e of err.errors) errors[e.path.replace(/^answers\./, "")] = e.message;
            setFieldErrors((prev) => ({ ...prev, ...errors }));
            setStatus("error");
            setMessage(err.message);
          } else {
            // Network or server trouble: keep the edits; the next change or blur retries.
            pending.current = { ...changes, ...pending.current };
            setStatus("error");
            setMessage(
              `Not saved yet: ${err instanceof Error ? err.message : "network error"}. We will retry.`,
            );
          }
          return;
        }
      }
    } finally {
      inFlight.current = false;
    }
  }, [mutateAsync, qc, onConflict, onSaved, queryKey, alsoInvalidate]);

  const change = useCallback(
    (questionId: string, value: V | null) => {
      pending.current = { ...pending.current, [questionId]: value };
      setStatus("pending");
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (Object.keys(pending.current).length > 0 || inFlight.current) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return { change, flush, status, message, fieldErrors };
}
