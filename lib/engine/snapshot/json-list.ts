// Fast path for big `kubectl get -o json` lists: the items are found by a byte-level scan and parsed one
// by one, so the whole input never exists as one JavaScript string. A 120 MB dump with a few non-ASCII
// characters would otherwise become a 240 MB two-byte string, and decoding it costs a third of JSON.parse.
// Anything unusual (no top-level `items` array of objects, a parse failure) returns undefined and the
// caller parses the whole text the ordinary way, which also locates syntax errors precisely.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Index of the quote closing the string whose opening quote is at `open`, or -1. */
function stringEnd(data: Buffer, open: number): number {
  let j = data.indexOf(QUOTE, open + 1);
  while (j > 0) {
    let backslashes = 0;
    for (let k = j - 1; data[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = data.indexOf(QUOTE, j + 1);
  }
  return -1;
}

export interface ListLayout {
  /** Offsets of the `[` and one past the `]` of the top-level items array. */
  arrayStart: number;
  arrayEnd: number;
  /** [start, end) of each element (all objects). */
  items: [number, number][];
  /** Deepest nesting of arrays and objects (the top-level object is 1), as assertDepth counts it. */
  maxDepth: number;
}

const ITEMS = Buffer.from('"items"');

/** Locates the elements of the top-level `items` array; undefined when the input has another shape. */
export function scanList(data: Buffer): ListLayout | undefined {
  let i = 0;
  while (i < data.length && isSpace(data[i] ?? 0)) i++;
  if (data[i] !== OPEN_BRACE) return undefined;
  let depth = 0;
  let keyIsItems = false;
  let inItems = false;
  let arrayStart = -1;
  let arrayEnd = -1;
  let itemStart = -1;
  let maxDepth = 0;
  const items: [number, number][] = [];
  for (; i < data.length; i++) {
    const c = data[i] ?? 0;
    if (c === QUOTE) {
      const end = stringEnd(data, i);
      if (end < 0) return undefined;
      if (depth === 1) {
        keyIsItems = end - i + 1 === ITEMS.length && data.compare(ITEMS, 0, ITEMS.length, i, end + 1) === 0;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (depth === 2 && c === OPEN_BRACKET && keyIsItems) {
        if (arrayStart >= 0) return undefined; // two "items" keys: let JSON.parse decide which wins
        inItems = true;
        arrayStart = i;
      } else if (inItems && depth === 3) {
        if (c !== OPEN_BRACE) return undefined;
        itemStart = i;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (inItems && depth === 3) items.push([itemStart, i + 1]);
      if (inItems && depth === 2) {
        inItems = false;
        arrayEnd = i + 1;
      }
      depth--;
      if (depth < 0) return undefined;
      if (depth === 0) {
        for (i++; i < data.length; i++) if (!isSpace(data[i] ?? 0)) return undefined;
        break;
      }
    } else if (inItems && depth === 2 && c !== COMMA && !isSpace(c)) {
      return undefined; // a non-object element
    } else if (depth === 1 && c !== COLON && c !== COMMA && !isSpace(c)) {
      keyIsItems = false;
    }
  }
  if (depth !== 0 || arrayStart < 0 || arrayEnd < 0) return undefined;
  return { arrayStart, arrayEnd, items, maxDepth };
}

/**
 * Called once the list's head (everything but the items) has parsed. May return a function that then
 * receives each item right after it is parsed; such items are not kept in the returned list.
 */
export type ListVisitor = (
  head: Record<string, unknown>,
  layout: ListLayout,
) => ((item: Record<string, unknown>, index: number) => void) | undefined;

/**
 * Parses a JSON list item by item. Returns the list object with its items, or undefined when the fast
 * path does not apply (see the module comment). With a visitor that takes the items, each item is handed
 * over as soon as it is parsed (and `streamed` is true): whatever the consumer drops from it (redacted
 * values, server-side-apply bookkeeping) then dies young instead of being copied by the garbage collector.
 * Exceptions thrown by the visitor propagate; a parse failure after some items were handed over still
 * returns undefined, and the consumer must forget those items.
 */
export function parseJsonList(
  data: Buffer,
  visit?: ListVisitor,
): { value: Record<string, unknown>; items: unknown[]; maxDepth: number; streamed: boolean } | undefined {
  if (data.length < 1024 * 1024) return undefined; // small inputs: one JSON.parse is simplest and fast
  const layout = scanList(data);
  if (!layout) return undefined;
  let head: unknown;
  try {
    head = JSON.parse(
      data.toString("utf8", 0, layout.arrayStart) +
        "[]" +
        data.toString("utf8", layout.arrayEnd, data.length),
    );
  } catch {
    return undefined;
  }
  if (typeof head !== "object" || head === null || Array.isArray(head)) return undefined;
  const value = head as Record<string, unknown>;
  const onItem = visit?.(value, layout);
  const ranges = layout.items;
  const items: unknown[] = onItem ? [] : new Array<unknown>(ranges.length);
  for (let n = 0; n < ranges.length; n++) {
    const range = ranges[n] as [number, number];
    let item: Record<string, unknown>;
    try {
      // The scan found an object here, so a successful parse yields one.
      item = JSON.parse(data.toString("utf8", range[0], range[1])) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (onItem) onItem(item, n);
    else items[n] = item;
  }
  value.items = items;
  return { value, items, maxDepth: layout.maxDepth, streamed: onItem !== undefined };
}
