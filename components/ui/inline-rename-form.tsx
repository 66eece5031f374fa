"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "./button";

/** Renames in place, inside a table cell: Enter saves, Escape or Cancel leaves the name as it was. */
export function InlineRenameForm({
  label,
  name: initial,
  save,
  onSaved,
  onDone,
  className,
}: {
  /** The accessible name of the text box. */
  label: string;
  name: string;
  save: (name: string) => Promise<unknown>;
  /** After a successful save, before the form closes (invalidate queries here). */
  onSaved: () => void;
  onDone: () => void;
  className: string;
}) {
  const [name, setName] = useState(initial);
  const rename = useMutation({
    mutationFn: () => save(name),
    onSuccess: () => {
      onSaved();
      onDone();
    },
  });
  return (
    <form
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        rename.mutate();
      }}
    >
      <input
        aria-label={label}
        autoFocus
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === "Escape" && onDone()}
        className="rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      <Button type="submit" variant="secondary" disabled={rename.isPending}>
        Save
      </Button>
      <Button variant="ghost" onClick={onDone}>
        Cancel
      </Button>
      {rename.error ? <span className="text-xs text-red-700">{rename.error.message}</span> : null}
    </form>
  );
}
