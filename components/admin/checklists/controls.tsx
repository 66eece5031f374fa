// Form controls and badges shared by the admin checklist, exemption and audit screens.
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiError } from "@/lib/client/fetcher";
import { CATEGORIES } from "@/lib/engine/types";
import type { CheckDto } from "./queries";

export { SelectField, TextAreaField } from "@/components/ui/field";

/** Options for a check picker: a placeholder, then the catalogue grouped by category. */
export function CheckOptions({ checks }: { checks: CheckDto[] | undefined }) {
  return (
    <>
      <option value="">{checks ? "Choose a check…" : "Loading checks…"}</option>
      {CATEGORIES.map((category) => {
        const inCategory = checks?.filter((c) => c.category === category) ?? [];
        if (inCategory.length === 0) return null;
        return (
          <optgroup key={category} label={category}>
            {inCategory.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.id})
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
export { SeverityBadge } from "@/components/ui/severity-badge";

const STATUS_STYLES: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-emerald-100 text-emerald-800",
  active: "bg-emerald-100 text-emerald-800",
  expired: "bg-slate-200 text-slate-700",
  revoked: "bg-red-100 text-red-800",
};

export function StatusBadge({ status, children }: { status: string; children?: ReactNode }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${children ? "" : "capitalize"} ${STATUS_STYLES[status] ?? "bg-slate-100 text-slate-800"}`}
    >
      {children ?? status}
    </span>
  );
}

export { fieldErrors } from "@/components/ui/form-error";

/**
 * The server's message for a failed request, plus any per-field errors that no form control shows
 * (so nothing the server said is lost).
 */
export function ProblemAlert({ error, shownPaths = [] }: { error: unknown; shownPaths?: string[] }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : "Something went wrong.";
  const rest = error instanceof ApiError ? error.errors.filter((e) => !shownPaths.includes(e.path)) : [];
  if (error instanceof ApiError && error.errors.length > 0 && rest.length === 0) return null;
  return (
    <Alert tone="error">
      <p>{message}</p>
      {rest.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {rest.map((e, i) => (
            <li key={i}>
              {e.path ? <code className="font-mono text-xs">{e.path}</code> : null}
              {e.path ? ": " : null}
              {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

export function LoadingRow({ label = "Loading…" }: { label?: string }) {
  return (
    <p role="status" className="text-sm text-slate-500">
      {label}
    </p>
  );
}
