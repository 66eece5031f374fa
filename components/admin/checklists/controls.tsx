// Form controls and badges shared by the admin checklist, exemption and audit screens.
import { useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { Alert } from "@/components/ui/alert";
import { ApiError } from "@/lib/client/fetcher";

const control =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500";

function Message({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  if (error) {
    return (
      <p id={`${id}-error`} className="text-xs text-red-700">
        {error}
      </p>
    );
  }
  return hint ? <p className="text-xs text-slate-500">{hint}</p> : null;
}

export function SelectField({
  label,
  error,
  hint,
  className = "",
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; error?: string; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={control}
        {...props}
      >
        {children}
      </select>
      <Message id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className = "",
  inputClassName = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  error?: string;
  hint?: ReactNode;
  inputClassName?: string;
}) {
  const id = useId();
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${control} ${inputClassName}`}
        {...props}
      />
      <Message id={id} error={error} hint={hint} />
    </div>
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

/** Field errors the server attached to a failed request, looked up by path ("title", "items.3.key"). */
export function fieldErrors(error: unknown): (path: string) => string | undefined {
  const errors = error instanceof ApiError ? error.errors : [];
  return (path) => errors.find((e) => e.path === path)?.message;
}

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
