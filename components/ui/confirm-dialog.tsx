"use client";

import { useMutation, type MutationFunction } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";

/** A native <dialog>: focus trapping, Escape and the backdrop come from the browser. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
  tone = "danger",
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Why the last attempt failed, shown under the text; the dialog stays open to retry or cancel. */
  error?: Error | null;
  /** "danger" for destructive actions, "primary" for consequential but safe ones (publish). */
  tone?: "danger" | "primary";
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby={titleId}
      className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2 text-sm text-slate-700">
        {children}
        {error ? <p className="mt-2 text-red-700">{error.message}</p> : null}
      </div>
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button variant={tone} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

/**
 * A mutation on one item that runs only once the user confirms it: `ask(item)` opens the dialog,
 * spread `dialog` into a ConfirmDialog. Success closes it; cancelling closes it and forgets the error.
 */
export function useConfirmedMutation<T>({
  mutationFn,
  onSuccess,
  onSettled,
}: {
  mutationFn: MutationFunction<unknown, T>;
  onSuccess?: (item: T) => void;
  onSettled?: () => void;
}) {
  const [target, setTarget] = useState<T | null>(null);
  const mutation = useMutation({
    mutationFn,
    onSuccess: (_, item) => {
      setTarget(null);
      onSuccess?.(item);
    },
    onSettled,
  });
  const close = () => {
    setTarget(null);
    mutation.reset();
  };
  return {
    target,
    mutation,
    ask: (item: T) => {
      mutation.reset();
      setTarget(item);
    },
    dialog: {
      open: target !== null,
      busy: mutation.isPending,
      error: mutation.error,
      onCancel: close,
      onConfirm: () => {
        if (target !== null) mutation.mutate(target);
      },
    },
  };
}
