// Labelled form controls: a label, the control, and either the error (linked by aria-describedby) or a hint.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

// max-w-full: a select is as wide as its longest option, which must not widen a phone's page.
const control =
  "max-w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-500";

interface Labelled {
  label: string;
  error?: string;
  hint?: ReactNode;
}

function Wrapper({
  id,
  label,
  error,
  hint,
  className,
  children,
}: Labelled & { id: string; className: string; children: ReactNode }) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

const invalid = (id: string, error?: string) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : undefined,
});

export function Field({
  label,
  error,
  hint,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & Labelled) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint} className={className}>
      <input id={id} {...invalid(id, error)} className={control} {...props} />
    </Wrapper>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className = "",
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & Labelled) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint} className={className}>
      <select id={id} {...invalid(id, error)} className={control} {...props}>
        {children}
      </select>
    </Wrapper>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className = "",
  inputClassName = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled & { inputClassName?: string }) {
  const id = useId();
  return (
    <Wrapper id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        rows={3}
        {...invalid(id, error)}
        className={`${control} ${inputClassName}`}
        {...props}
      />
    </Wrapper>
  );
}
