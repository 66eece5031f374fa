// A result's status as a word with a colour (never colour alone); contrast ≥ 4.5:1 for small bold text.
export type ResultStatus = "fail" | "exempt" | "pass";

const STYLES: Record<ResultStatus, string> = {
  fail: "bg-red-100 text-red-900",
  exempt: "bg-violet-100 text-violet-900",
  pass: "bg-emerald-100 text-emerald-900",
};

export const STATUS_WORD: Record<ResultStatus, string> = {
  fail: "failing",
  exempt: "exempt",
  pass: "passing",
};

export function StatusBadge({ status }: { status: ResultStatus }) {
  return (
    <span className={`inline-flex rounded px-1.5 py-0.5 text-xs font-semibold uppercase ${STYLES[status]}`}>
      {status}
    </span>
  );
}
