// `JSON.stringify(value, null, 2)`, byte for byte, handed out in pieces of about a megabyte. The CLI's
// JSON output of a big cluster lists every result (446,000 for the bench's 120 MB list: 246 MB of
// text); built as one string it then has to be encoded into a second buffer of that size, and both cost
// the garbage collector more than the serialising does.

const CHUNK = 1 << 20;
/** Arrays at least this long are written in batches; shorter values go through JSON.stringify whole. */
const LONG = 256;
const BATCH = 2000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !("toJSON" in value);
}

/** Whether `value` holds a long array somewhere inside plain objects and arrays. */
function holdsLongArray(value: unknown, depth = 0): boolean {
  if (depth > 4) return false;
  if (Array.isArray(value)) {
    return value.length >= LONG || value.some((v) => holdsLongArray(v, depth + 1));
  }
  return isPlainObject(value) && Object.values(value).some((v) => holdsLongArray(v, depth + 1));
}

/** Cheap test for the items of a long array: a long array among its values or theirs. */
function itemHoldsLongArray(item: unknown): boolean {
  if (typeof item !== "object" || item === null) return false;
  for (const x of Array.isArray(item) ? item : Object.values(item)) {
    if (Array.isArray(x) ? x.length >= LONG : isPlainObject(x) && holdsLongArray(x, 3)) return true;
  }
  return Array.isArray(item) && item.length >= LONG;
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

export function writeJson(value: unknown, write: (text: string) => void): void {
  let buffer = "";
  const out = (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK) {
      write(buffer);
      buffer = "";
    }
  };
  // JSON.stringify's own output for a value at this indentation (its newlines re-indented: a JSON string
  // never holds a raw newline, so every newline in the text is layout).
  const whole = (v: unknown, indent: string) => {
    const text = JSON.stringify(v, null, 2);
    return indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
  };
  const emit = (v: unknown, indent: string, inArray: boolean): void => {
    if (!holdsLongArray(v)) {
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
        if (v.length < LONG || itemHoldsLongArray(v[i])) {
          emit(v[i], inner, true);
          i++;
          continue;
        }
        let end = i + 1;
        while (end < v.length && end - i < BATCH && !itemHoldsLongArray(v[end])) end++;
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
  if (buffer) write(buffer);
}
