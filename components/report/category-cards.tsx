"use client";

// The report's per-category cards: each shows its score and failing checks by severity and expands
// (a disclosure button, aria-expanded) to its checklist items, loaded from the checks API when the card
// comes into view or is opened — never with the page. A failing check lists its fix and first affected
// objects; more are paged from the same API, or opened in the findings explorer when signed in.
import { useCallback, useEffect, useRef, useState } from "react";
import { SeverityBadge } from "@/components/ui/severity-badge";
import type { ItemStatus } from "@/lib/engine/checklist/score";
import type { Category, Severity } from "@/lib/engine/types";
import type { ReportCategory } from "@/lib/server/reports";

export interface CategoryCardSummary {
  category: Category;
  score: number | null;
  /** Checklist items of the category. */
  items: number;
  /** Failing checks of the category by severity (most severe first, zeros left out). */
  failing: [Severity, number][];
}

const STATUS_LABEL: Record<ItemStatus, string> = {
  fail: "Failing",
  partial: "Partly met",
  pass: "Passing",
  vacuous: "Passes vacuously",
  unanswered: "Unanswered",
  "not-applicable": "Not applicable",
  exempt: "Exempt",
  "no-snapshot": "Needs a snapshot",
  error: "Could not evaluate",
};

const number = new Intl.NumberFormat("en-US");

type Item = ReportCategory["items"][number];
interface ObjectsPage {
  page: number;
  pages: number;
  total: number;
  objects: { kind: string; namespace: string; name: string; containers: string[]; messages: string[] }[];
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
  }
  return (await res.json()) as T;
}

function objectLabel(o: { kind: string; namespace: string; name: string } | null): string {
  if (!o || !o.kind) return "cluster";
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}`;
}

function MoreObjects({ api, category, item }: { api: string; category: Category; item: Item }) {
  const [pages, setPages] = useState<ObjectsPage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const last = pages.at(-1);
  const shown = pages.flatMap((p) => p.objects);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await getJson<ObjectsPage>(
        `${api}?category=${category}&check=${encodeURIComponent(item.checkId ?? "")}&page=${(last?.page ?? 0) + 1}`,
      );
      setPages((p) => [...p, next]);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  if (!last && item.affectedCount <= item.affected.length) return null;
  return (
    <div className="mt-1">
      {shown.length > 0 ? (
        <ul className="flex flex-col gap-1" aria-label={`Failing objects of ${item.title}`}>
          {shown.map((o) => (
            <li key={`${o.kind}/${o.namespace}/${o.name}`} className="text-slate-700">
              <span className="font-mono text-xs">{objectLabel(o)}</span>
              {o.containers.length > 0 ? ` (containers ${o.containers.join(", ")})` : ""} — {o.messages[0]}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
      {!last || last.page < last.pages ? (
        <button
          type="button"
          onClick={() => void load()}
          disabled={busy}
          className="text-brand-700 mt-1 text-sm underline disabled:opacity-60"
        >
          {busy
            ? "Loading…"
            : last
              ? `Show more (${number.format(last.total - shown.length)} left)`
              : `Show all ${number.format(item.affectedCount)} objects, a page at a time`}
        </button>
      ) : null}
    </div>
  );
}

function ItemRow({
  item,
  api,
  category,
  findingsHref,
  checkPages,
}: {
  item: Item;
  api: string;
  category: Category;
  findingsHref?: string;
  checkPages?: string;
}) {
  const failing = item.status === "fail" || item.status === "partial";
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={item.severity} />
        {checkPages && item.checkId ? (
          <a
            className="text-brand-700 font-medium underline"
            href={`${checkPages}/${encodeURIComponent(item.checkId)}`}
          >
            {item.title}
          </a>
        ) : (
          <span className="font-medium">{item.title}</span>
        )}
        <span className="text-xs text-slate-600">
          {STATUS_LABEL[item.status]}
          {item.kind === "manual" ? " · manual" : item.checkId ? ` · ${item.checkId}` : ""}
        </span>
        {item.affectedCount > 0 ? (
          <span className="ml-auto text-xs text-slate-600">
            {number.format(item.affectedCount)} affected object{item.affectedCount === 1 ? "" : "s"}
          </span>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-700">
        {item.detail}
        {item.note ? ` Evidence: ${item.note}` : ""}
      </p>
      {failing && item.remediation ? (
        <p className="mt-1 text-sm text-slate-700">
          <span className="font-medium">Fix: </span>
          {item.remediation}
        </p>
      ) : null}
      {item.affected.length > 0 ? (
        <div className="mt-2 text-sm">
          <ul className="flex flex-col gap-1" aria-label={`First affected objects of ${item.title}`}>
            {item.affected.map((a, i) => (
              <li key={i} className="text-slate-700">
                <span className="font-mono text-xs">
                  {a.object
                    ? `${objectLabel({ kind: a.object.kind, namespace: a.object.namespace ?? "", name: a.object.name })}${a.object.container ? ` (container ${a.object.container})` : ""}`
                    : "cluster"}
                </span>{" "}
                — {a.message}
              </li>
            ))}
          </ul>
          {findingsHref && item.checkId && item.affectedCount > item.affected.length ? (
            <a
              className="text-brand-700 mt-1 inline-block underline"
              href={`${findingsHref}?check=${encodeURIComponent(item.checkId)}`}
            >
              All {number.format(item.affectedCount)} affected objects in the findings explorer
            </a>
          ) : item.checkId ? (
            <MoreObjects api={api} category={category} item={item} />
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function Card({
  summary,
  api,
  findingsHref,
  checkPages,
  sufficient,
}: {
  summary: CategoryCardSummary;
  api: string;
  findingsHref?: string;
  checkPages?: string;
  sufficient: boolean;
}) {
  const { category } = summary;
  const [open, setOpen] = useState(false);
  const [pages, setPages] = useState<ReportCategory[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inflight = useRef(false);
  const ref = useRef<HTMLLIElement>(null);

  const load = useCallback(
    async (page: number) => {
      if (inflight.current) return;
      inflight.current = true;
      setBusy(true);
      setError(null);
      try {
        const next = await getJson<ReportCategory>(`${api}?category=${category}&page=${page}`);
        setPages((p) => (p.some((x) => x.page === next.page) ? p : [...p, next]));
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        inflight.current = false;
        setBusy(false);
      }
    },
    [api, category],
  );

  // Loaded as the reader gets there: when the card scrolls near the viewport (or is opened first).
  const loaded = pages.length > 0;
  useEffect(() => {
    const el = ref.current;
    if (!el || loaded || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          void load(1);
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [load, loaded]);

  const toggle = () => {
    setOpen((o) => !o);
    if (!loaded) void load(1);
  };
  const last = pages.at(-1);
  const items = pages.flatMap((p) => p.items);
  const failingChecks = summary.failing.reduce((n, [, c]) => n + c, 0);
  const bar =
    summary.score === null
      ? ""
      : !sufficient
        ? "bg-slate-400"
        : summary.score >= 80
          ? "bg-emerald-500"
          : summary.score >= 60
            ? "bg-amber-400"
            : "bg-red-500";
  const panelId = `category-${category}-panel`;
  return (
    <li ref={ref} id={`category-${category}`} className="scroll-mt-16 rounded-md border border-slate-200">
      <h3 className="text-base">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={toggle}
          className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-md p-3 text-left hover:bg-slate-50"
          data-testid={`category-card-${category}`}
        >
          <span aria-hidden className="w-3 text-slate-500">
            {open ? "▾" : "▸"}
          </span>
          <span className="font-semibold capitalize">{category}</span>
          <span className="font-mono text-sm">{summary.score === null ? "n/a" : summary.score}</span>
          <span className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
            {failingChecks === 0 ? (
              <span>no failing checks</span>
            ) : (
              <>
                <span>
                  {failingChecks} failing check{failingChecks === 1 ? "" : "s"}:
                </span>
                {summary.failing.map(([s, n]) => (
                  <span key={s} className="inline-flex items-center gap-1">
                    <SeverityBadge severity={s} />
                    <span className="font-mono">{n}</span>
                  </span>
                ))}
              </>
            )}
          </span>
          <span className="ml-auto text-xs text-slate-600">{summary.items} items</span>
          <span className="block h-2 w-full rounded-full bg-slate-100" aria-hidden>
            <span
              className={`block h-full rounded-full ${bar}`}
              style={{ width: `${summary.score ?? 0}%` }}
            />
          </span>
        </button>
      </h3>
      <div id={panelId} hidden={!open} className="border-t border-slate-100 px-3 pb-3">
        {error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            Could not load this category: {error}{" "}
            <button type="button" className="underline" onClick={() => void load((last?.page ?? 0) + 1)}>
              Try again
            </button>
          </p>
        ) : null}
        {open && !loaded && !error ? (
          <p className="mt-2 text-sm text-slate-600" role="status">
            Loading…
          </p>
        ) : null}
        {loaded && items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No checklist items in this category.</p>
        ) : null}
        {items.length > 0 ? (
          <ul className="divide-y divide-slate-100" aria-label={`Checks in ${category}`}>
            {items.map((item) => (
              <ItemRow
                key={item.key}
                item={item}
                api={api}
                category={category}
                findingsHref={findingsHref}
                checkPages={checkPages}
              />
            ))}
          </ul>
        ) : null}
        {last && last.page < last.pages ? (
          <button
            type="button"
            onClick={() => void load(last.page + 1)}
            disabled={busy}
            className="text-brand-700 mt-2 text-sm underline disabled:opacity-60"
          >
            {busy ? "Loading…" : `Show more items (${last.total - items.length} left)`}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * `api`: the checks API of this report; `findingsHref`: the findings explorer and `checkPages`: where
 * the check pages are, when signed in.
 */
export function CategoryCards({
  categories,
  api,
  findingsHref,
  checkPages,
  sufficient,
}: {
  categories: CategoryCardSummary[];
  api: string;
  findingsHref?: string;
  checkPages?: string;
  sufficient: boolean;
}) {
  return (
    <ul className="mt-5 flex flex-col gap-2" aria-label="Score per category">
      {categories.map((c) => (
        <Card
          key={c.category}
          summary={c}
          api={api}
          findingsHref={findingsHref}
          checkPages={checkPages}
          sufficient={sufficient}
        />
      ))}
    </ul>
  );
}
