"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatDate } from "@/components/ui/format";
import { Table, TableBody, TableHead } from "@/components/ui/table";
import { groupByCategory, itemMatches, moveWithin } from "@/lib/client/checklist-items";
import { api } from "@/lib/client/fetcher";
import type { Category } from "@/lib/engine/types";
import { LoadingRow, SeverityBadge, StatusBadge } from "./controls";
import { paramText } from "@/lib/client/check-params";
import { emptyItem, ItemForm, itemPatch, itemValues, newItemBody, type ItemValues } from "./item-form";
import {
  checklistKeys,
  useChecklist,
  useChecklistVersion,
  useChecks,
  type CheckDto,
  type ChecklistDto,
  type ItemDto,
  type VersionDto,
  type VersionSummaryDto,
} from "./queries";
import { VersionDiff } from "./version-diff";

const linkButton =
  "inline-flex items-center justify-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50";

function VersionList({ checklist, selectedId }: { checklist: ChecklistDto; selectedId: string | null }) {
  return (
    <nav aria-label="Versions">
      <h2 className="mb-2 text-sm font-semibold text-slate-500 uppercase">Versions</h2>
      <ul className="flex flex-col gap-1">
        {checklist.versions.map((v) => {
          const current = v.id === selectedId;
          return (
            <li key={v.id}>
              <Link
                href={`/admin/checklists/${checklist.id}?version=${v.id}`}
                aria-current={current ? "page" : undefined}
                className={`block rounded-md px-3 py-2 text-sm ${current ? "bg-brand-50 ring-brand-200 ring-1" : "hover:bg-slate-100"}`}
              >
                <span className="font-medium">v{v.number}</span> · {v.status}
                <span className="block text-xs text-slate-600">
                  {v.status === "published"
                    ? `${formatDate(v.publishedAt)}${v.publishedBy ? ` by ${v.publishedBy.name}` : ""}`
                    : "editable"}{" "}
                  · {v.itemCount} item{v.itemCount === 1 ? "" : "s"}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** Up to this many items a version opens with every category expanded; longer ones start folded. */
const EXPANDED_UP_TO = 20;

/**
 * The search box over a version's items, and which categories are folded. While a search is typed,
 * every category with a match is shown open.
 */
function useItemView(items: ItemDto[]) {
  const [query, setQuery] = useState("");
  const [folded, setFolded] = useState<ReadonlySet<Category> | "all" | "none">(
    items.length > EXPANDED_UP_TO ? "all" : "none",
  );
  const shown = items.filter((i) => itemMatches(i, query));
  const searching = query.trim() !== "";
  const isOpen = (c: Category) =>
    searching || (folded === "all" ? false : folded === "none" ? true : !folded.has(c));
  const groups = groupByCategory(shown);
  const toggle = (c: Category) => {
    const all = new Set(groupByCategory(items).map((g) => g.category));
    const current = folded === "all" ? all : folded === "none" ? new Set<Category>() : new Set(folded);
    if (current.has(c)) current.delete(c);
    else current.add(c);
    setFolded(current);
  };
  const allFolded = !searching && groups.every((g) => !isOpen(g.category));
  const reveal = (c: Category) => {
    if (!isOpen(c)) toggle(c);
  };
  return {
    query,
    setQuery,
    shown,
    groups,
    isOpen,
    toggle,
    searching,
    allFolded,
    reveal,
    setAll: (fold: boolean) => setFolded(fold ? "all" : "none"),
  };
}

type ItemView = ReturnType<typeof useItemView>;

function ItemToolbar({ items, view }: { items: ItemDto[]; view: ItemView }) {
  const enabled = items.filter((i) => i.enabled).length;
  const manual = items.filter((i) => i.kind === "manual").length;
  const hintId = useId();
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-600">
        {items.length} item{items.length === 1 ? "" : "s"}: {enabled} enabled, {items.length - manual}{" "}
        automated, {manual} manual.
      </p>
      {items.length > 0 ? (
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
            <label htmlFor={`${hintId}-search`} className="text-sm font-medium text-slate-700">
              Search items
            </label>
            <input
              id={`${hintId}-search`}
              type="search"
              value={view.query}
              onChange={(e) => view.setQuery(e.target.value)}
              placeholder="Title, key, check, question, category or severity"
              aria-describedby={hintId}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
            />
          </div>
          <Button variant="secondary" disabled={view.searching} onClick={() => view.setAll(!view.allFolded)}>
            {view.allFolded ? "Expand all" : "Collapse all"}
          </Button>
          <p id={hintId} role="status" className="w-full text-xs text-slate-600">
            {view.searching
              ? `${view.shown.length} of ${items.length} item${items.length === 1 ? "" : "s"} match “${view.query.trim()}”.`
              : ""}
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** A category whose items fold behind a button (a disclosure: the heading names it, the button toggles it). */
function CategoryGroup({
  category,
  items,
  open,
  onToggle,
  children,
}: {
  category: Category;
  items: ItemDto[];
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  const id = useId();
  const off = items.filter((i) => !i.enabled).length;
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white">
      <h3 id={`${id}-heading`} className="text-sm font-semibold">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={`${id}-items`}
          onClick={onToggle}
          className="flex w-full items-center gap-2 px-4 py-3 text-left hover:bg-slate-50"
        >
          <span aria-hidden className={`inline-block transition-transform ${open ? "rotate-90" : ""}`}>
            ▸
          </span>
          <span className="capitalize">{category}</span>
          <span className="font-normal text-slate-600">
            {items.length} item{items.length === 1 ? "" : "s"}
            {off > 0 ? `, ${off} disabled` : ""}
          </span>
        </button>
      </h3>
      {open ? (
        <div id={`${id}-items`} className="border-t border-slate-200">
          {children}
        </div>
      ) : null}
    </section>
  );
}

function NoMatches({ view }: { view: ItemView }) {
  return (
    <EmptyState title={`No item matches “${view.query.trim()}”`}>
      <Button variant="secondary" onClick={() => view.setQuery("")}>
        Clear the search
      </Button>
    </EmptyState>
  );
}

function ItemSource({ item, checks }: { item: ItemDto; checks: CheckDto[] | undefined }) {
  if (item.kind === "manual") {
    return (
      <p className="text-xs text-slate-600">
        <span className="font-medium">Manual question:</span> {item.question}
      </p>
    );
  }
  const check = checks?.find((c) => c.id === item.checkId);
  const set = Object.entries(item.params ?? {});
  return (
    <p className="text-xs text-slate-600">
      <span className="font-medium">Automated check:</span> <code>{item.checkId}</code>
      {check && check.title !== item.title ? ` (${check.title})` : ""}
      {set.length > 0 ? (
        <>
          {" · "}
          <span className="font-medium">Parameters:</span>{" "}
          {set.map(([name, value]) => `${name} = ${paramText(value)}`).join("; ")}
        </>
      ) : null}
    </p>
  );
}

function PublishedItems({ items, checks }: { items: ItemDto[]; checks: CheckDto[] | undefined }) {
  const view = useItemView(items);
  return (
    <div className="flex flex-col gap-4">
      <ItemToolbar items={items} view={view} />
      {view.groups.length === 0 ? <NoMatches view={view} /> : null}
      {view.groups.map((g) => (
        <CategoryGroup
          key={g.category}
          category={g.category}
          items={g.items}
          open={view.isOpen(g.category)}
          onToggle={() => view.toggle(g.category)}
        >
          <PublishedTable category={g.category} items={g.items} all={items} checks={checks} />
        </CategoryGroup>
      ))}
    </div>
  );
}

function PublishedTable({
  category,
  items,
  all,
  checks,
}: {
  category: Category;
  items: ItemDto[];
  all: ItemDto[];
  checks: CheckDto[] | undefined;
}) {
  return (
    <div className="overflow-x-auto">
      <Table>
        <caption className="sr-only">Items in {category}</caption>
        <TableHead
          columns={[
            "#",
            "Item",
            "Severity",
            { label: "Weight", className: "px-4 py-2 text-right" },
            "Enabled",
          ]}
        />
        <TableBody>
          {items.map((item) => (
            <tr key={item.id} className={item.enabled ? "" : "text-slate-500 italic"}>
              <td className="px-4 py-3 align-top text-slate-500">{all.indexOf(item) + 1}</td>
              <td className="px-4 py-3 align-top">
                <p className="font-medium">{item.title}</p>
                <ItemSource item={item} checks={checks} />
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="text-brand-700 cursor-pointer">Rationale and remediation</summary>
                  <p className="mt-1">{item.rationale}</p>
                  <p className="mt-1">
                    <span className="font-medium">Fix: </span>
                    {item.remediation}
                  </p>
                </details>
              </td>
              <td className="px-4 py-3 align-top">
                <SeverityBadge severity={item.severity} />
              </td>
              <td className="px-4 py-3 text-right align-top font-mono">{item.weight}</td>
              <td className="px-4 py-3 align-top">{item.enabled ? "Yes" : "No"}</td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

type OpenForm = { type: "add" } | { type: "edit"; id: string } | null;

function DraftItems({ version, checks }: { version: VersionDto; checks: CheckDto[] | undefined }) {
  const qc = useQueryClient();
  const base = `/api/admin/checklist-versions/${version.id}`;
  const versionKey = checklistKeys.version(version.id);
  const [open, setOpen] = useState<OpenForm>(null);
  const [deleting, setDeleting] = useState<ItemDto | null>(null);
  const [focusAfterMove, setFocusAfterMove] = useState<{ id: string; dir: "up" | "down" } | null>(null);
  const items = version.items;
  const view = useItemView(items);

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: versionKey });
    void qc.invalidateQueries({ queryKey: checklistKeys.detail(version.checklist.id) });
    void qc.invalidateQueries({ queryKey: checklistKeys.list() });
    void qc.invalidateQueries({ queryKey: checklistKeys.diffs() });
  };
  /** Optimistic edits of the cached version, rolled back when the server says no. */
  const optimistic = (change: (items: ItemDto[]) => ItemDto[]) => async () => {
    await qc.cancelQueries({ queryKey: versionKey });
    const previous = qc.getQueryData<VersionDto>(versionKey);
    if (previous) qc.setQueryData<VersionDto>(versionKey, { ...previous, items: change(previous.items) });
    return { previous };
  };
  const rollback = (_e: Error, _v: unknown, ctx: { previous: VersionDto | undefined } | undefined) => {
    if (ctx?.previous) qc.setQueryData(versionKey, ctx.previous);
  };

  const add = useMutation({
    mutationFn: (v: ItemValues) =>
      api<{ item: ItemDto }>(`${base}/items`, { method: "POST", body: newItemBody(v, checks) }),
    onSuccess: ({ item }) => {
      setOpen(null);
      view.reveal(item.category);
      refresh();
    },
  });
  const edit = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Record<string, unknown> }) =>
      api<{ item: ItemDto }>(`${base}/items/${id}`, { method: "PATCH", body: patch }),
    onSuccess: () => {
      setOpen(null);
      refresh();
    },
  });
  // A toggled box shows its new state in the same render as the click: the optimistic edit of the
  // cached version lands a few ticks later (after in-flight reads are cancelled), and a controlled box
  // would flick back meanwhile.
  const [toggling, setToggling] = useState<Record<string, boolean>>({});
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api<{ item: ItemDto }>(`${base}/items/${id}`, { method: "PATCH", body: { enabled } }),
    onMutate: ({ id, enabled }) =>
      optimistic((list) => list.map((i) => (i.id === id ? { ...i, enabled } : i)))(),
    onError: rollback,
    onSettled: (_data, _error, { id, enabled }) => {
      setToggling(({ [id]: pending, ...rest }) =>
        pending === undefined || pending === enabled ? rest : { ...rest, [id]: pending },
      );
      refresh();
    },
  });
  const move = useMutation({
    mutationFn: (keys: string[]) =>
      api<{ items: ItemDto[] }>(`${base}/order`, { method: "PUT", body: { keys } }),
    onMutate: (keys) =>
      optimistic((list) =>
        keys.flatMap((k, position) => {
          const item = list.find((i) => i.key === k);
          return item ? [{ ...item, position }] : [];
        }),
      )(),
    onError: rollback,
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api<void>(`${base}/items/${id}`, { method: "DELETE" }),
    onSuccess: () => setDeleting(null),
    onSettled: refresh,
  });

  // Moving a row re-inserts its DOM node, which drops focus; put it back so keyboard users can keep going.
  useEffect(() => {
    if (!focusAfterMove) return;
    const { id, dir } = focusAfterMove;
    const same = document.getElementById(`move-${dir}-${id}`) as HTMLButtonElement | null;
    const other = document.getElementById(
      `move-${dir === "up" ? "down" : "up"}-${id}`,
    ) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [focusAfterMove, items]);

  /** Moves past the neighbour shown in the same category (search applied). */
  const moveItem = (item: ItemDto, visible: ItemDto[], dir: "up" | "down") => {
    // One reorder at a time: each sends the full order, so overlapping requests could land out of order.
    // The buttons stay enabled (a disabled button would drop keyboard focus) and ignore clicks meanwhile.
    if (move.isPending) return;
    const keys = moveWithin(
      items.map((i) => i.key),
      visible.map((i) => i.key),
      item.key,
      dir,
    );
    if (!keys) return;
    setFocusAfterMove({ id: item.id, dir });
    move.mutate(keys);
  };

  const actionError = toggle.error ?? move.error ?? remove.error;

  return (
    <div className="flex flex-col gap-4">
      {actionError ? <Alert tone="error">{actionError.message}</Alert> : null}
      <ItemToolbar items={items} view={view} />
      {items.length === 0 ? (
        <EmptyState title="This draft has no items yet">
          Add manual questions or automated checks with “Add item”.
        </EmptyState>
      ) : view.groups.length === 0 ? (
        <NoMatches view={view} />
      ) : (
        view.groups.map((g) => (
          <CategoryGroup
            key={g.category}
            category={g.category}
            items={g.items}
            open={view.isOpen(g.category)}
            onToggle={() => view.toggle(g.category)}
          >
            <ol aria-label={`Items in ${g.category}`} className="divide-y divide-slate-100">
              {g.items.map((item, index) => {
                const editing = open?.type === "edit" && open.id === item.id;
                return (
                  <li key={item.id} className="px-4 py-3">
                    <div className="flex flex-wrap items-start gap-3">
                      <span className="w-6 pt-0.5 text-right text-sm text-slate-500">
                        {items.indexOf(item) + 1}
                      </span>
                      <div className={`min-w-0 flex-1 ${item.enabled ? "" : "opacity-60"}`}>
                        <div className="flex flex-wrap items-center gap-2">
                          <SeverityBadge severity={item.severity} />
                          <h4 className="font-medium">{item.title}</h4>
                          <span className="text-xs text-slate-500">weight {item.weight}</span>
                          {item.enabled ? null : <StatusBadge status="expired">disabled</StatusBadge>}
                        </div>
                        <ItemSource item={item} checks={checks} />
                      </div>
                      <div className="flex flex-wrap items-center gap-1">
                        <label className="mr-2 flex items-center gap-1.5 text-sm text-slate-700">
                          <input
                            type="checkbox"
                            checked={toggling[item.id] ?? item.enabled}
                            aria-label={`Enable ${item.title}`}
                            onChange={(e) => {
                              const enabled = e.target.checked;
                              setToggling((t) => ({ ...t, [item.id]: enabled }));
                              toggle.mutate({ id: item.id, enabled });
                            }}
                          />
                          <span aria-hidden>Enabled</span>
                        </label>
                        <Button
                          id={`move-up-${item.id}`}
                          variant="ghost"
                          aria-label={`Move ${item.title} up`}
                          disabled={index === 0}
                          onClick={() => moveItem(item, g.items, "up")}
                        >
                          ↑
                        </Button>
                        <Button
                          id={`move-down-${item.id}`}
                          variant="ghost"
                          aria-label={`Move ${item.title} down`}
                          disabled={index === g.items.length - 1}
                          onClick={() => moveItem(item, g.items, "down")}
                        >
                          ↓
                        </Button>
                        <Button
                          variant="secondary"
                          aria-label={`Edit ${item.title}`}
                          aria-expanded={editing}
                          onClick={() => {
                            edit.reset();
                            setOpen(editing ? null : { type: "edit", id: item.id });
                          }}
                        >
                          Edit
                        </Button>
                        <Button
                          variant="ghost"
                          aria-label={`Delete ${item.title}`}
                          onClick={() => setDeleting(item)}
                        >
                          Delete
                        </Button>
                      </div>
                    </div>
                    {editing ? (
                      <div className="mt-3">
                        <ItemForm
                          mode="edit"
                          label={`Edit ${item.title}`}
                          initial={itemValues(item)}
                          checks={checks}
                          error={edit.error}
                          pending={edit.isPending}
                          onCancel={() => setOpen(null)}
                          onSubmit={(values) => {
                            const patch = itemPatch(itemValues(item), values, checks);
                            if (Object.keys(patch).length === 0) setOpen(null);
                            else edit.mutate({ id: item.id, patch });
                          }}
                        />
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </CategoryGroup>
        ))
      )}

      {open?.type === "add" ? (
        <ItemForm
          mode="add"
          label="Add item"
          initial={emptyItem}
          checks={checks}
          error={add.error}
          pending={add.isPending}
          onCancel={() => setOpen(null)}
          onSubmit={(values) => add.mutate(values)}
        />
      ) : (
        <div>
          <Button
            variant="secondary"
            onClick={() => {
              add.reset();
              setOpen({ type: "add" });
            }}
          >
            Add item
          </Button>
        </div>
      )}

      {deleting ? (
        <ConfirmDialog
          open
          title={`Delete “${deleting.title}”?`}
          confirmLabel="Delete item"
          busy={remove.isPending}
          onCancel={() => {
            remove.reset();
            setDeleting(null);
          }}
          onConfirm={() => remove.mutate(deleting.id)}
        >
          The item disappears from this draft. Published versions keep it.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

function VersionPanel({
  checklist,
  summary,
  versionId,
}: {
  checklist: ChecklistDto;
  summary: VersionSummaryDto | undefined;
  versionId: string;
}) {
  const qc = useQueryClient();
  const router = useRouter();
  const version = useChecklistVersion(versionId);
  const checks = useChecks();
  const [confirmPublish, setConfirmPublish] = useState(false);
  const draft = checklist.versions.find((v) => v.status === "draft");

  const publish = useMutation({
    mutationFn: () =>
      api<{ version: { id: string } }>(`/api/admin/checklist-versions/${versionId}/publish`, {
        method: "POST",
      }),
    onSettled: () => {
      setConfirmPublish(false);
      void qc.invalidateQueries({ queryKey: checklistKeys.all });
    },
  });
  const newDraft = useMutation({
    mutationFn: () =>
      api<{ version: { id: string } }>(`/api/admin/checklists/${checklist.id}/draft`, { method: "POST" }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: checklistKeys.detail(checklist.id) });
      void qc.invalidateQueries({ queryKey: checklistKeys.list() });
      router.push(`/admin/checklists/${checklist.id}?version=${r.version.id}`);
    },
  });

  if (version.isPending) return <LoadingRow label="Loading version…" />;
  if (version.error) return <Alert tone="error">{version.error.message}</Alert>;
  const v = version.data;
  const isDraft = v.status === "draft";
  const exportUrl = (format: "yaml" | "json") =>
    `/api/admin/checklist-versions/${v.id}/export?format=${format}`;

  return (
    <section aria-labelledby="version-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="version-heading" className="text-xl font-semibold">
          Version {v.number}
        </h2>
        <StatusBadge status={v.status} />
        {v.status === "published" ? (
          <span className="text-sm text-slate-500">
            Published {formatDate(v.publishedAt)}
            {summary?.publishedBy ? ` by ${summary.publishedBy.name}` : ""}
          </span>
        ) : null}
        <div className="ml-auto flex flex-wrap gap-2">
          {isDraft ? (
            <Button onClick={() => setConfirmPublish(true)} disabled={publish.isPending}>
              Publish v{v.number}
            </Button>
          ) : (
            <>
              <Button onClick={() => newDraft.mutate()} disabled={newDraft.isPending}>
                Edit as new draft
              </Button>
              <a href={exportUrl("yaml")} download className={linkButton}>
                Export YAML
              </a>
              <a href={exportUrl("json")} download className={linkButton}>
                Export JSON
              </a>
            </>
          )}
        </div>
      </div>
      {isDraft ? (
        <Alert tone="info">
          This is a draft: changes save immediately but no assessment uses them until you publish.
        </Alert>
      ) : (
        <p className="text-sm text-slate-600">
          Published versions are read-only.{" "}
          {draft
            ? `Draft v${draft.number} already holds the next changes; “Edit as new draft” opens it.`
            : ""}
        </p>
      )}
      {publish.error ? <Alert tone="error">{publish.error.message}</Alert> : null}
      {newDraft.error ? <Alert tone="error">{newDraft.error.message}</Alert> : null}
      {/* What changed comes first: it is what an admin checks before publishing. */}
      {checklist.versions.length >= 2 ? (
        <VersionDiff key={`diff-${v.id}`} versions={checklist.versions} selectedId={v.id} />
      ) : null}
      {isDraft ? (
        <DraftItems version={v} checks={checks.data} />
      ) : v.items.length === 0 ? (
        <EmptyState title="This version has no items" />
      ) : (
        <PublishedItems items={v.items} checks={checks.data} />
      )}
      {checks.error ? (
        <Alert tone="warning">The check catalogue could not be loaded: {checks.error.message}</Alert>
      ) : null}
      {confirmPublish ? (
        <ConfirmDialog
          open
          title={`Publish v${v.number}?`}
          confirmLabel="Publish"
          tone="primary"
          busy={publish.isPending}
          onCancel={() => setConfirmPublish(false)}
          onConfirm={() => publish.mutate()}
        >
          Published versions are immutable: later changes go into a new draft. Assessments can then be
          re-scored against v{v.number}; existing reports keep the version they were scored with.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

export function ChecklistEditor({ checklistId }: { checklistId: string }) {
  const params = useSearchParams();
  const checklist = useChecklist(checklistId);

  if (checklist.isPending) return <LoadingRow label="Loading checklist…" />;
  if (checklist.error) {
    return (
      <div className="flex flex-col gap-4">
        <BackLink />
        <Alert tone="error">{checklist.error.message}</Alert>
      </div>
    );
  }
  const c = checklist.data;
  const draft = c.versions.find((v) => v.status === "draft");
  // Without ?version= the draft is what an admin came to edit; otherwise the newest version.
  const selectedId = params.get("version") ?? draft?.id ?? c.versions[0]?.id ?? null;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <BackLink />
        <h1 className="mt-2 text-2xl font-semibold">{c.name}</h1>
        <p className="text-sm text-slate-600">
          <code className="text-xs">{c.slug}</code>
          {c.description ? ` · ${c.description}` : ""}
        </p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <VersionList checklist={c} selectedId={selectedId} />
        <div className="flex min-w-0 flex-col gap-6">
          {selectedId ? (
            <VersionPanel
              key={`version-${selectedId}`}
              checklist={c}
              versionId={selectedId}
              summary={c.versions.find((v) => v.id === selectedId)}
            />
          ) : (
            <EmptyState title="This checklist has no versions" />
          )}
        </div>
      </div>
    </div>
  );
}

function BackLink() {
  return (
    <p className="text-sm">
      <Link href="/admin/checklists" className="text-brand-700 hover:underline">
        ← All checklists
      </Link>
    </p>
  );
}
