// Differences between two checklist versions, matched by item key.
import type { ChecklistItem } from "./model";

const FIELDS = [
  "title",
  "kind",
  "checkId",
  "question",
  "category",
  "severity",
  "weight",
  "rationale",
  "remediation",
  "enabled",
  "position",
  "params",
] as const;

export type DiffableItem = ChecklistItem & { position: number };

export interface ChecklistDiff<T extends DiffableItem = DiffableItem> {
  added: T[];
  removed: T[];
  changed: { key: string; title: string; changes: { field: string; before: unknown; after: unknown }[] }[];
}

function field(item: DiffableItem, f: (typeof FIELDS)[number]): unknown {
  const value = (item as Record<string, unknown>)[f] ?? null;
  // Params are compared by value (keys in order); none set and an empty set both mean the defaults.
  if (f === "params" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return entries.length === 0 ? null : JSON.stringify(Object.fromEntries(entries));
  }
  return value;
}

export function diffChecklists<T extends DiffableItem>(
  from: readonly T[],
  to: readonly T[],
): ChecklistDiff<T> {
  const before = new Map(from.map((i) => [i.key, i]));
  const after = new Map(to.map((i) => [i.key, i]));
  const diff: ChecklistDiff<T> = { added: [], removed: [], changed: [] };
  for (const item of to) {
    const old = before.get(item.key);
    if (!old) {
      diff.added.push(item);
      continue;
    }
    const changes = FIELDS.filter((f) => field(old, f) !== field(item, f)).map((f) => ({
      field: f,
      before: field(old, f),
      after: field(item, f),
    }));
    if (changes.length > 0) diff.changed.push({ key: item.key, title: item.title, changes });
  }
  for (const item of from) if (!after.has(item.key)) diff.removed.push(item);
  return diff;
}
