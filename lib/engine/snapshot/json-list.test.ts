import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonList, scanList, splitList } from "./json-list";

const buf = (s: string) => Buffer.from(s, "utf8");
const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  ...extra,
});
const list = (items: unknown[], head: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  items,
  kind: "List",
  ...head,
});

/** The texts of the items as the layout cuts them. */
function pieces(text: string): string[] | undefined {
  const data = buf(text);
  return splitList(data)?.layout.items.map(([s, e]) => data.toString("utf8", s, e));
}

/** A head padding that takes the input over the 1 MB below which parseJsonList leaves lists alone. */
const BIG = { metadata: { padding: "x".repeat(1024 * 1024) } };

function parseAll(text: string, maxDepth = 100) {
  const streamed: unknown[] = [];
  const result = parseJsonList(buf(text), maxDepth, () => (item) => streamed.push(item));
  return { result, streamed };
}

describe("splitList", () => {
  const items = [cm("a", { data: { k: "v" } }), cm("b", { data: { nested: [{ x: 1 }, { y: [] }] } })];

  it("cuts kubectl's four-space output at its item separators", () => {
    const text = JSON.stringify(list(items), null, 4);
    const split = splitList(buf(text));
    expect(split?.speculative).toBe(true);
    expect(pieces(text)?.map((p) => JSON.parse(p) as unknown)).toEqual(items);
    expect(split?.layout.items).toEqual(scanList(buf(text))?.items);
  });

  it("cuts one-item-per-line lists and CRLF output", () => {
    const perLine = `{"kind":"List","items":[\n${items.map((i) => JSON.stringify(i)).join(",\n")}\n]}`;
    expect(pieces(perLine)?.map((p) => JSON.parse(p) as unknown)).toEqual(items);
    const crlf = JSON.stringify(list(items), null, 2).replace(/\n/g, "\r\n");
    expect(splitList(buf(crlf))?.speculative).toBe(true);
    expect(pieces(crlf)?.map((p) => JSON.parse(p) as unknown)).toEqual(items);
  });

  it("scans compact JSON byte by byte, where separators also occur inside items", () => {
    const text = JSON.stringify(list(items));
    const split = splitList(buf(text));
    expect(split?.speculative).toBe(false);
    expect(pieces(text)?.map((p) => JSON.parse(p) as unknown)).toEqual(items);
  });

  it("handles empty and single-item lists and items after other keys", () => {
    expect(pieces(JSON.stringify(list([]), null, 4))).toEqual([]);
    expect(pieces(JSON.stringify(list([cm("only")]), null, 4))?.length).toBe(1);
    const later = JSON.stringify({ kind: "List", metadata: { a: [{ b: 1 }, { c: 2 }] }, items }, null, 4);
    expect(pieces(later)?.map((p) => JSON.parse(p) as unknown)).toEqual(items);
  });

  it("rejects what is not an object with one items array of objects", () => {
    for (const text of [
      "[1, 2]",
      '{"items": [1, 2]}',
      '{"items": [\n  {"a": 1},\n  2\n]}',
      '{"items": [\n  {"a": 1}\n], "items": [\n  {"b": 1}\n]}',
      '{"items": [\n  {"a": 1},\n  {"b": 1}\n]',
      '{"items": [\n  {"a": "unterminated}\n]}',
      '{"items": [\n  {"a": 1}\n]} trailing',
      '\ufeff{"items": []}',
    ]) {
      expect(splitList(buf(text)), text).toBeUndefined();
    }
  });
});

describe("parseJsonList", () => {
  it("leaves inputs under 1 MB to the ordinary parse", () => {
    expect(parseAll(JSON.stringify(list([cm("a")]), null, 4)).result).toBeUndefined();
  });

  it("streams every item of a big pretty-printed list, in order", () => {
    const items = Array.from({ length: 50 }, (_, i) => cm(`cm-${i}`, { data: { i: String(i) } }));
    const { result, streamed } = parseAll(JSON.stringify(list(items, BIG), null, 4));
    expect(result?.streamed).toBe(true);
    expect(result?.tooDeep).toBe(false);
    expect(streamed).toEqual(items);
    expect(result?.value.kind).toBe("List");
    expect(result?.value.metadata).toEqual(BIG.metadata);
  });

  it("finds the items the slow way when a separator occurs inside an item", () => {
    // The second item holds an array of objects printed at the items' own indentation: the separator
    // search cuts it in the wrong place, JSON.parse rejects the piece, and the byte scan takes over.
    const text =
      `{"kind": "List", "metadata": ${JSON.stringify(BIG.metadata)}, "items": [\n  {"metadata": {"name": "a"}},\n` +
      `  {"metadata": {"name": "b"}, "spec": [\n  {"x": 1},\n  {"y": 2}\n]},\n  {"metadata": {"name": "c"}}\n]}`;
    const { result } = parseAll(text);
    expect(result?.streamed).toBe(false);
    expect(result?.items).toEqual((JSON.parse(text) as { items: unknown[] }).items);
  });

  it("gives up on a syntax error in any item, so the caller can locate it", () => {
    const items = Array.from({ length: 5 }, (_, i) => cm(`cm-${i}`));
    const text = JSON.stringify(list(items, BIG), null, 4).replace('"cm-3"', '"cm-3",');
    expect(parseAll(text).result).toBeUndefined();
  });

  it("reports nesting deeper than the limit in an item or in the head", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 20; i++) deep = { d: deep };
    const inItem = parseAll(JSON.stringify(list([cm("a"), cm("b", { deep }), cm("c")], BIG), null, 4), 20);
    expect(inItem.result?.tooDeep).toBe(true);
    expect(inItem.streamed.length).toBe(1); // nothing is handed over once the limit is broken
    expect(parseAll(JSON.stringify(list([cm("a")], BIG), null, 4), 20).result?.tooDeep).toBe(false);
    const inHead = parseAll(JSON.stringify(list([cm("a")], { ...BIG, extra: deep }), null, 4), 20);
    expect(inHead.result?.tooDeep).toBe(true);
    expect(inHead.streamed).toEqual([]);
  });

  it("agrees with JSON.parse on lists printed in any indentation", () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const item = fc.dictionary(
      fc.string({ maxLength: 8 }),
      fc.oneof(value, fc.array(fc.dictionary(fc.string({ maxLength: 4 }), value), { maxLength: 3 })),
      { maxKeys: 4 },
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.constantFrom(0, 1, 2, 4, "\t"), (items, indent) => {
        const text = JSON.stringify(list(items, BIG), null, indent);
        const { result, streamed } = parseAll(text);
        expect(streamed).toEqual(items);
        expect(result?.value.apiVersion).toBe("v1");
      }),
      { numRuns: 60 },
    );
  });
});
