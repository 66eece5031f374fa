"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describeImport } from "@/lib/client/checklist-import";
import { api, ApiError, toApiError } from "@/lib/client/fetcher";
import { parseChecklistFile } from "@/lib/engine/checklist/file";
import { TextAreaField } from "./controls";
import { checklistKeys, type ChecklistDto } from "./queries";

interface ImportResult {
  checklist: { id: string };
  version: { id: string; number: number };
}

/** JSON files (by name or by their first character) go as JSON; everything else is YAML, a superset. */
function contentType(text: string, filename: string | null): string {
  if (filename) return /\.json$/i.test(filename) ? "application/json" : "text/yaml";
  return /^\s*[[{]/.test(text) ? "application/json" : "text/yaml";
}

async function importChecklist(text: string, filename: string | null): Promise<ImportResult> {
  const res = await fetch("/api/admin/checklists/import", {
    method: "POST",
    headers: { "content-type": contentType(text, filename) },
    body: text,
  });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as ImportResult;
}

/** "items.3.severity" → "item 4, severity": people count from one. */
function describePath(path: string): string | null {
  const m = /^items\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return null;
  return `item ${Number(m[1]) + 1}${m[2] ? `, ${m[2]}` : ""}`;
}

export function ImportForm() {
  const qc = useQueryClient();
  const router = useRouter();
  const [text, setText] = useState("");
  const [filename, setFilename] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => importChecklist(text, filename),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: checklistKeys.all });
      router.push(`/admin/checklists/${r.checklist.id}?version=${r.version.id}`);
    },
  });
  const error = run.error;
  // What pressing Import will do, once the text is a valid checklist file (the server parses it the same way).
  const checklists = useQuery({
    queryKey: checklistKeys.list(),
    queryFn: () => api<{ checklists: ChecklistDto[] }>("/api/admin/checklists").then((r) => r.checklists),
  });
  const deferred = useDeferredValue(text);
  const parsed = useMemo(() => (deferred.trim() ? parseChecklistFile(deferred) : null), [deferred]);
  const outcome = parsed?.ok && checklists.data ? describeImport(parsed.file, checklists.data) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === "") {
      setReadError("Choose a file or paste the checklist first.");
      return;
    }
    run.mutate();
  };
  const onFile = async (file: File | undefined) => {
    setReadError(null);
    run.reset();
    if (!file) return;
    try {
      setText(await file.text());
      setFilename(file.name);
    } catch {
      setReadError(`Could not read ${file.name}.`);
    }
  };

  return (
    <form onSubmit={submit} aria-label="Import checklist" className="flex flex-col gap-3">
      <p className="text-sm text-slate-600">
        A YAML or JSON file as produced by Export. A file whose slug no checklist has becomes a new checklist;
        one whose slug exists becomes that checklist&apos;s next draft (replacing the items of a draft it
        already has). Either way nothing is published, and nothing changes if the file is invalid.
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor="checklist-file" className="text-sm font-medium text-slate-700">
          Checklist file
        </label>
        <input
          id="checklist-file"
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          className="file:bg-brand-50 file:text-brand-700 text-sm file:mr-3 file:rounded-md file:border-0 file:px-3 file:py-2 file:font-medium"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <TextAreaField
        label="Or paste YAML or JSON"
        value={text}
        rows={8}
        spellCheck={false}
        inputClassName="font-mono text-xs"
        onChange={(e) => {
          setText(e.target.value);
          setFilename(null);
          setReadError(null);
        }}
        hint={filename ? `Loaded from ${filename}.` : undefined}
      />
      {outcome && !error ? (
        <p role="status" data-testid="import-outcome" className="text-sm font-medium text-slate-800">
          {outcome}
        </p>
      ) : null}
      {readError ? <Alert tone="error">{readError}</Alert> : null}
      {error ? (
        <Alert tone="error">
          <p className="font-medium">Import failed: {error.message}</p>
          {error instanceof ApiError && error.errors.length > 0 ? (
            <ul aria-label="Problems in the file" className="mt-2 flex flex-col gap-1">
              {error.errors.map((e, i) => {
                const where = describePath(e.path);
                return (
                  <li key={i}>
                    <code className="rounded bg-red-100 px-1 font-mono text-xs">{e.path || "(file)"}</code>
                    {where ? <span className="text-red-700"> ({where})</span> : null} — {e.message}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={run.isPending}>
          {run.isPending ? "Importing…" : "Import"}
        </Button>
      </div>
    </form>
  );
}
