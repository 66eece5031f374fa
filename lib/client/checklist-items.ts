// The checklist editor's search, category groups and moves, kept apart from React so they can be tested.
import { CATEGORIES, type Category } from "@/lib/engine/types";

export interface SearchableItem {
  key: string;
  title: string;
  category: Category;
  severity: string;
  checkId: string | null;
  question: string | null;
}

/** Every word of the query (any order, any case) appears in the item's title, key, check, question, category or severity. */
export function itemMatches(item: SearchableItem, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [item.title, item.key, item.checkId, item.question, item.category, item.severity]
    .filter(Boolean)
    .join(" ")
    .toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The items of each category in their checklist order, categories in the catalogue's order; empty ones left out. */
export function groupByCategory<T extends SearchableItem>(
  items: readonly T[],
): { category: Category; items: T[] }[] {
  return CATEGORIES.map((category) => ({
    category,
    items: items.filter((i) => i.category === category),
  })).filter((g) => g.items.length > 0);
}

/**
 * The checklist order after moving `key` up or down past its neighbour among `visible` (the items shown
 * in its group, search applied): the two swap places in the whole order, so what the admin sees move is
 * what moves, even when items of other categories sit between them. Null at either end.
 */
export function moveWithin(
  order: readonly string[],
  visible: readonly string[],
  key: string,
  dir: "up" | "down",
): string[] | null {
  const at = visible.indexOf(key);
  const neighbour = visible[dir === "up" ? at - 1 : at + 1];
  if (at < 0 || neighbour === undefined) return null;
  const next = [...order];
  const i = next.indexOf(key);
  const j = next.indexOf(neighbour);
  if (i < 0 || j < 0) return null;
  next[i] = neighbour;
  next[j] = key;
  return next;
}
