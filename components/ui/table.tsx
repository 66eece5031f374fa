// Data tables: one header row of column names over a body with row dividers.
import type { ReactNode, TableHTMLAttributes } from "react";
import { HorizontalScroll } from "./scroll-area";

/**
 * A table that scrolls sideways on its own when the screen is narrower than its columns (the page
 * never does). `label` names the scrolling region for screen readers; it defaults to `aria-label`,
 * else the caption.
 */
export function Table({
  className = "",
  label,
  ...props
}: TableHTMLAttributes<HTMLTableElement> & { label?: string }) {
  return (
    <HorizontalScroll label={label ?? props["aria-label"]}>
      <table className={`w-full text-left text-sm ${className}`} {...props} />
    </HorizontalScroll>
  );
}

/** A column name, or one whose cell needs its own classes (right-aligned numbers, the last column). */
export type Column = string | { label: string; className: string };

/**
 * `actions` adds a last header cell that only screen readers read, over a column of buttons, so
 * every column has a name.
 */
export function TableHead({
  columns,
  actions,
  cellClassName = "px-4 py-2",
  className = "bg-slate-50 text-xs text-slate-500 uppercase",
}: {
  columns: Column[];
  actions?: string;
  cellClassName?: string;
  className?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((c) =>
          typeof c === "string" ? (
            <th key={c} className={cellClassName}>
              {c}
            </th>
          ) : (
            <th key={c.label} className={c.className}>
              {c.label}
            </th>
          ),
        )}
        {actions ? (
          <th className={cellClassName}>
            <span className="sr-only">{actions}</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}
