// Pure helpers for the report's summary strip (components/report/report-summary.tsx).
import type { Report } from "@/lib/server/reports";

/** "3 days ago", "5 hours ago", "just now"; exact dates stay in the snapshot section. */
export function age(from: Date | string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(from).getTime()) / 60_000));
  if (minutes < 1) return "just now";
  const [n, unit] =
    minutes < 60
      ? [minutes, "minute"]
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), "hour"]
        : [Math.round(minutes / 1440), "day"];
  return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
}

/**
 * The readiness change since the newest saved report of another snapshot (history is newest first);
 * null without a current score or an earlier snapshot's score.
 */
export function changeSincePrevious(
  report: Pick<Report, "readiness" | "snapshot" | "history">,
): { delta: number; since: Date | string } | null {
  const current = report.readiness?.score;
  const snapshotId = report.snapshot?.id;
  if (current === null || current === undefined || !snapshotId) return null;
  const previous = report.history.find(
    (h) => h.snapshotId && h.snapshotId !== snapshotId && h.score !== null,
  );
  return previous ? { delta: current - previous.score!, since: previous.createdAt } : null;
}
