// Fast path for big `kubectl get -o json` lists: the items are located in the bytes and parsed one by
// one, so the whole input never exists as one JavaScript string. A 120 MB dump with a few non-ASCII
// characters would otherwise become a 240 MB two-byte string, and decoding it costs a third of JSON.parse.
//
// Locating the items takes two steps. Pretty-printed lists (kubectl's own output, or one item per line)
// separate their items with the same bytes every time: `},` then the whitespace that precedes the first
// item, then `{`. Those separators are found with Buffer.indexOf, which is ten times faster than walking
// the bytes; each piece between them is then proved to be exactly one item when JSON.parse accepts it (a
// JSON object cannot be a prefix of a longer one, and JSON strings hold no raw newline). Anything else —
// compact JSON, mixed indentation, a piece JSON.parse rejects — is located by a byte-level scan that
// follows strings and brackets. Anything unusual (no top-level `items` array of objects, a parse failure)
// returns undefined and the caller parses the whole text the ordinary way, which also locates syntax
// errors precisely.
import { nestsDeeperThan } from "../util";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

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
}

// Built without Buffer: this module is also loaded in the browser (which never calls into it).
const ITEMS = new TextEncoder().encode('"items"');

/** Where the byte scan is: nesting depth and what it has found of the items array so far. */
interface ScanState {
  depth: number;
  keyIsItems: boolean;
  inItems: boolean;
  arrayStart: number;
  arrayEnd: number;
  itemStart: number;
  items: [number, number][];
}

const SHAPE_MISMATCH = -1;
const DONE = -2;

/**
 * Scans from `i` with the given state. With `untilItem`, stops at the first item's `{` (after counting
 * it) and returns its offset; otherwise runs to the end and returns DONE. SHAPE_MISMATCH when the input
 * is not an object with one `items` array of objects.
 */
function scan(data: Buffer, i: number, st: ScanState, untilItem: boolean): number {
  for (; i < data.length; i++) {
    const c = data[i] ?? 0;
    if (c === QUOTE) {
      const end = stringEnd(data, i);
      if (end < 0) return SHAPE_MISMATCH;
      if (st.depth === 1) {
        st.keyIsItems =
          end - i + 1 === ITEMS.length && data.compare(ITEMS, 0, ITEMS.length, i, end + 1) === 0;
      }
      i = end;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      st.depth++;
      if (st.depth === 2 && c === OPEN_BRACKET && st.keyIsItems) {
        if (st.arrayStart >= 0) return SHAPE_MISMATCH; // two "items" keys: let JSON.parse decide which wins
        st.inItems = true;
        st.arrayStart = i;
      } else if (st.inItems && st.depth === 3) {
        if (c !== OPEN_BRACE) return SHAPE_MISMATCH;
        st.itemStart = i;
        if (untilItem) return i;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (st.inItems && st.depth === 3) st.items.push([st.itemStart, i + 1]);
      if (st.inItems && st.depth === 2) {
        st.inItems = false;
        st.arrayEnd = i + 1;
      }
      st.depth--;
      if (st.depth < 0) return SHAPE_MISMATCH;
      if (st.depth === 0) {
        for (i++; i < data.length; i++) if (!isSpace(data[i] ?? 0)) return SHAPE_MISMATCH;
        return DONE;
      }
    } else if (st.inItems && st.depth === 2 && c !== COMMA && !isSpace(c)) {
      return SHAPE_MISMATCH; // a non-object element
    } else if (st.depth === 1 && c !== COLON && c !== COMMA && !isSpace(c)) {
      st.keyIsItems = false;
    }
  }
  return DONE; // unbalanced input ends here too; layoutOf rejects it
}

function startScan(data: Buffer): { st: ScanState; start: number } | undefined {
  let i = 0;
  while (i < data.length && isSpace(data[i] ?? 0)) i++;
  if (data[i] !== OPEN_BRACE) return undefined;
  const st: ScanState = {
    depth: 0,
    keyIsItems: false,
    inItems: false,
    arrayStart: -1,
    arrayEnd: -1,
    itemStart: -1,
    items: [],
  };
  return { st, start: i };
}

function layoutOf(st: ScanState): ListLayout | undefined {
  if (st.depth !== 0 || st.arrayStart < 0 || st.arrayEnd < 0) return undefined;
  return { arrayStart: st.arrayStart, arrayEnd: st.arrayEnd, items: st.items };
}

/**
 * Locates the elements of the top-level `items` array by a byte-level scan that follows strings and
 * brackets; undefined when the input has another shape.
 */
export function scanList(data: Buffer): ListLayout | undefined {
  const begun = startScan(data);
  if (!begun || scan(data, begun.start, begun.st, false) !== DONE) return undefined;
  return layoutOf(begun.st);
}

/**
 * Locates the items of a pretty-printed list by their repeated separator (see the module comment), or
 * falls back to scanList. The pieces between separators are only candidates until JSON.parse accepts
 * them; `speculative` says so to the caller, which must then fall back to scanList if one is rejected.
 */
export function splitList(data: Buffer): { layout: ListLayout; speculative: boolean } | undefined {
  const begun = startScan(data);
  if (!begun) return undefined;
  const { st } = begun;
  const first = scan(data, begun.start, st, true);
  if (first === SHAPE_MISMATCH) return undefined;
  if (first === DONE) {
    const layout = layoutOf(st); // no items at all
    return layout && { layout, speculative: false };
  }
  const gap = data.subarray(st.arrayStart + 1, first);
  if (!gap.includes(NEWLINE)) {
    const layout = scanList(data); // compact JSON: separators also occur inside items
    return layout && { layout, speculative: false };
  }
  const separator = Buffer.concat([Buffer.from("},"), gap, Buffer.from("{")]);
  let start = first;
  for (let j = data.indexOf(separator, start); j >= 0; j = data.indexOf(separator, start)) {
    st.items.push([start, j + 1]);
    start = j + separator.length - 1;
  }
  const speculative = st.items.length > 0;
  // The last item and what follows the array are scanned byte by byte, as if the scan had got here.
  st.depth = 2;
  if (scan(data, start, st, false) !== DONE) return undefined;
  const layout = layoutOf(st);
  return layout && { layout, speculative };
}

/**
 * Called once the list's head (everything but the items) has parsed. May return a function that then
 * receives each item right after it is parsed; such items are not kept in the returned list.
 */
export type ListVisitor = (
  head: Record<string, unknown>,
  layout: ListLayout,
) => ((item: Record<string, unknown>, index: number) => void) | undefined;

export interface ParsedList {
  value: Record<string, unknown>;
  items: unknown[];
  /** The items went to the visitor as they were parsed, and are not in `items`. */
  streamed: boolean;
  /** Some value nests deeper than the limit (the top-level object is level 1); nothing was streamed after it. */
  tooDeep: boolean;
}

/** Parses `[start, end)` of the bytes as JSON; undefined when it is not valid JSON. */
function parseRange(data: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(data.toString("utf8", start, end)) as unknown;
  } catch {
    return undefined;
  }
}

function parseItems(
  data: Buffer,
  layout: ListLayout,
  maxDepth: number,
  visit: ListVisitor | undefined,
): ParsedList | undefined {
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
  let tooDeep = nestsDeeperThan(value, 1, maxDepth);
  let onItem = tooDeep ? undefined : visit?.(value, layout);
  const streamed = onItem !== undefined;
  const ranges = layout.items;
  const items: unknown[] = streamed ? [] : new Array<unknown>(ranges.length);
  for (let n = 0; n < ranges.length; n++) {
    const range = ranges[n] as [number, number];
    // Each range starts with `{`, so whatever parses is an object.
    const item = parseRange(data, range[0], range[1]) as Record<string, unknown> | undefined;
    if (item === undefined) return undefined;
    if (!tooDeep && nestsDeeperThan(item, 3, maxDepth)) {
      tooDeep = true;
      onItem = undefined; // the caller reports too-deep; the rest is parsed only to find syntax errors
    }
    if (onItem) onItem(item, n);
    else if (!streamed) items[n] = item;
  }
  value.items = items;
  return { value, items, streamed, tooDeep };
}

/**
 * Parses a JSON list item by item. Returns the list object with its items, or undefined when the fast
 * path does not apply (see the module comment). With a visitor that takes the items, each item is handed
 * over as soon as it is parsed (and `streamed` is true): whatever the consumer drops from it (redacted
 * values, server-side-apply bookkeeping) then dies young instead of being copied by the garbage collector.
 * Exceptions thrown by the visitor propagate; a parse failure after some items were handed over still
 * returns undefined, and the consumer must forget those items.
 */
export function parseJsonList(data: Buffer, maxDepth: number, visit?: ListVisitor): ParsedList | undefined {
  if (data.length < 1024 * 1024) return undefined; // small inputs: one JSON.parse is simplest and fast
  const split = splitList(data);
  if (!split) return undefined;
  const parsed = parseItems(data, split.layout, maxDepth, visit);
  if (parsed || !split.speculative) return parsed;
  // A separator inside an item: locate the items the slow way. Items already handed over are forgotten by
  // the caller (see above), so this pass keeps them in the list instead.
  const layout = scanList(data);
  return layout && parseItems(data, layout, maxDepth, undefined);
}
