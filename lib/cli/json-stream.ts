// `JSON.stringify(value, null, 2)`, byte for byte, handed out in pieces. The CLI's JSON output of a big
// cluster lists every result (448,000 for the bench's 120 MB list: 246 MB of text); built as one string
// it then has to be encoded into a second buffer of that size, and both cost the garbage collector more
// than the serialising does.
//
// The text itself is V8's: long arrays go through JSON.stringify a batch of items at a time (wrapped in
// arrays so that it indents them as it would in place). A serializer written in JavaScript was tried for
// the result arrays, with cached keys and values: 1.4× to 3× slower than JSON.stringify. What this file
// adds is kept cheap instead: the test for items that hold long arrays of their own allocates nothing,
// and the batches are small enough (under V8's 128 KB limit for ordinary heap objects) to be born and die
// in the young generation, and are handed out as they are instead of being concatenated first.

/** Pieces shorter than this are gathered before being handed out; longer ones go out as they are. */
const PIECE = 1 << 16;
/** Arrays at least this long are written in batches; shorter values go through JSON.stringify whole. */
const LONG = 256;
/** Items per batch: about 50 KB of text for the CLI's results. */
const BATCH = 128;
/**
 * How deep a batched item is searched for long arrays of its own: one level finds a finding's `affected`
 * list. Deeper ones would only make a batch's text longer (the text is the same either way), and looking
 * three levels down into each of the ~390,000 items (results and affected objects) was a fifth of the
 * writing's time in a CPU profile of the bench list.
 */
const ITEM_DEPTH = 1;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !("toJSON" in value);
}

/** Whether `value` holds a long array within `depth` levels of plain objects and arrays (itself included). */
function holdsLongArray(value: unknown, depth: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) {
    if (value.length >= LONG) return true;
    if (depth > 0) for (const item of value) if (holdsLongArray(item, depth - 1)) return true;
    return false;
  }
  if (depth === 0 || !isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  // for…in allocates nothing (Object.values would, for each of ~450,000 items); a plain object has no
  // enumerable inherited keys.
  for (const key in record) if (holdsLongArray(record[key], depth - 1)) return true;
  return false;
}

/**
 * JSON.stringify's text for `items` as the items of an array whose items sit at `itemIndent`, from the
 * first item to the last: the items are wrapped in as many arrays as that array is deep, so that
 * JSON.stringify indents them as it would in place, and the wrapping lines are cut off.
 */
function itemsText(items: unknown[], itemIndent: string): string {
  const depth = itemIndent.length / 2 - 1;
  let wrapped: unknown = items;
  let head = "[\n";
  let tail = "";
  for (let level = 1; level <= depth; level++) {
    wrapped = [wrapped];
    head += `${"  ".repeat(level)}[\n`;
  }
  for (let level = depth; level >= 0; level--) tail += `\n${"  ".repeat(level)}]`;
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(head.length + itemIndent.length, text.length - tail.length);
}

/**
 * Hands `write` the text of JSON.stringify(value, null, 2) + "\n" in pieces (each at most a few hundred
 * KB for values like the CLI's, unless one item is that long itself), in order.
 */
export function writeJson(value: unknown, write: (text: string) => void): void {
  let small = "";
  const out = (text: string) => {
    if (text.length >= PIECE) {
      if (small) write(small);
      small = "";
      write(text);
      return;
    }
    small += text;
    if (small.length >= PIECE) {
      write(small);
      small = "";
    }
  };
  // JSON.stringify's own output for a value at this indentation (its newlines re-indented: a JSON string
  // never holds a raw newline, so every newline in the text is layout).
  const whole = (v: unknown, indent: string) => {
    const text = JSON.stringify(v, null, 2);
    return indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
  };
  const emit = (v: unknown, indent: string, inArray: boolean): void => {
    if (!holdsLongArray(v, 5)) {
      // As JSON.stringify: undefined (and functions, symbols) is null inside an array.
      const text = whole(v, indent) as string | undefined;
      out(text ?? (inArray ? "null" : ""));
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      out("[");
      for (let i = 0; i < v.length;) {
        out(`${i === 0 ? "" : ","}\n${inner}`);
        if (v.length < LONG || holdsLongArray(v[i], ITEM_DEPTH)) {
          emit(v[i], inner, true);
          i++;
          continue;
        }
        let end = i + 1;
        while (end < v.length && end - i < BATCH && !holdsLongArray(v[end], ITEM_DEPTH)) end++;
        out(itemsText(v.slice(i, end), inner));
        i = end;
      }
      out(`\n${indent}]`);
      return;
    }
    const entries = Object.entries(v as Record<string, unknown>).filter(
      ([, x]) => x !== undefined && typeof x !== "function" && typeof x !== "symbol",
    );
    out("{");
    entries.forEach(([key, x], i) => {
      out(`${i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `);
      emit(x, inner, false);
    });
    out(`\n${indent}}`);
  };
  emit(value, "", false);
  out("\n");
  if (small) write(small);
}
