// The report model's pure parts (no database): which findings a checklist keeps and at which severity,
// the bounded first page of affected objects the report carries, and one category card's page. Unit-
// tested on their own; lib/server/reports.ts builds, caches and authorizes around them.
import type { ItemResult, ItemStatus } from "@/lib/engine/checklist/score";
import type { Category, Severity } from "@/lib/engine/types";
import type { StoredFinding } from "@/lib/engine/worker/analysis-task";
import { AppError } from "@/lib/domain/errors";

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Failing checks that the checklist includes, at the checklist's severity, most severe and widespread first. */
export function checklistFindings(
  findings: StoredFinding[],
  items: { checkId?: string; severity: Severity }[],
): StoredFinding[] {
  const severity = new Map(items.filter((i) => i.checkId).map((i) => [i.checkId!, i.severity]));
  return findings
    .filter((f) => severity.has(f.checkId))
    .map((f) => ({ ...f, severity: severity.get(f.checkId)! }))
    .sort((a, b) => RANK[b.severity] - RANK[a.severity] || b.affectedCount - a.affectedCount);
}

/** Affected results each finding of the report carries (the PDF lists as many); the rest are paged by the findings API. */
export const AFFECTED_FIRST_PAGE = 25;

/** Findings as the report carries them: counts kept, affected objects cut to the first page. */
export function firstPageOfAffected(findings: StoredFinding[]): StoredFinding[] {
  return findings.map((f) =>
    f.affected.length > AFFECTED_FIRST_PAGE
      ? {
          ...f,
          affected: f.affected.slice(0, AFFECTED_FIRST_PAGE),
          affectedListed: f.affectedListed ?? f.affected.length,
        }
      : f,
  );
}

/** Checklist items per page of a category card. */
export const CATEGORY_PAGE_SIZE = 20;
/** Affected objects shown with each failing check in a category card. */
export const CATEGORY_AFFECTED = 5;

const STATUS_RANK: Record<ItemStatus, number> = {
  fail: 0,
  partial: 1,
  error: 2,
  unanswered: 3,
  "no-snapshot": 4,
  exempt: 5,
  vacuous: 6,
  "not-applicable": 7,
  pass: 8,
};

/**
 * One category card of the report: its score and its checklist items, failing first (most severe and
 * widespread first), a page at a time. A failing check carries its fix, its counts and its first
 * affected objects.
 */
export function categoryOf(
  report: {
    readiness: { categories: Record<Category, { score: number | null }>; items: ItemResult[] } | null;
    findings: StoredFinding[];
  },
  category: Category,
  page: number,
) {
  const findings = new Map(report.findings.map((f) => [f.checkId, f]));
  const items = (report.readiness?.items ?? [])
    .filter((i) => i.category === category)
    .map((i) => ({ item: i, finding: i.checkId ? findings.get(i.checkId) : undefined }))
    .sort(
      (a, b) =>
        STATUS_RANK[a.item.status] - STATUS_RANK[b.item.status] ||
        RANK[b.item.severity] - RANK[a.item.severity] ||
        (b.finding?.affectedCount ?? 0) - (a.finding?.affectedCount ?? 0) ||
        a.item.title.localeCompare(b.item.title),
    );
  const pages = Math.max(1, Math.ceil(items.length / CATEGORY_PAGE_SIZE));
  if (page > pages) throw new AppError("validation", `Invalid query (page): there are ${pages} page(s).`);
  const start = (page - 1) * CATEGORY_PAGE_SIZE;
  return {
    category,
    score: report.readiness?.categories[category] ?? null,
    total: items.length,
    page,
    pages,
    pageSize: CATEGORY_PAGE_SIZE,
    items: items.slice(start, start + CATEGORY_PAGE_SIZE).map(({ item, finding }) => ({
      key: item.key,
      kind: item.kind,
      title: item.title,
      checkId: item.checkId ?? null,
      severity: item.severity,
      status: item.status,
      detail: item.detail,
      note: item.answer?.note || null,
      remediation:
        finding?.remediation ??
        (item.status === "fail" || item.status === "partial" ? item.remediation : null),
      affectedCount: finding?.affectedCount ?? 0,
      affectedListed: finding ? (finding.affectedListed ?? finding.affected.length) : 0,
      affected: (finding?.affected ?? []).slice(0, CATEGORY_AFFECTED),
    })),
  };
}
