// How one file is read, one small input each: what counts as JSON, JSON Lines or YAML, and the message and
// location of every kind of error a user gets back.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SnapshotError } from "./errors";
import { loadSnapshot } from "./load";

const enc = (s: string) => new TextEncoder().encode(s);
const load = (text: string | Uint8Array, name: string, limits = {}) =>
  loadSnapshot([{ name, data: typeof text === "string" ? enc(text) : text }], limits);
const cm = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });

function snapshotError(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error("expected a SnapshotError");
}

describe("choosing the reading", () => {
  it("reads input starting with whitespace of any kind and then a brace as JSON", () => {
    for (const lead of [" ", "\t", "\r\n", "\n", " \t\r\n"]) {
      const s = load(`${lead}${cm("a")}`, "a.txt");
      expect(s.sources[0]?.format, JSON.stringify(lead)).toBe("json");
      expect(s.origins[0], JSON.stringify(lead)).toEqual({ file: "a.txt" });
    }
  });

  it("reads a gzipped .jsonl file as JSON Lines, whatever its first line", () => {
    const s = load(gzipSync(enc(`${cm("a")}\n${cm("b")}`)), "x.jsonl.gz");
    expect(s.sources[0]).toMatchObject({ format: "json-lines", gzip: true, objects: 2 });
    expect(s.origins).toEqual([
      { file: "x.jsonl.gz", document: 0, line: 1 },
      { file: "x.jsonl.gz", document: 1, line: 2 },
    ]);
  });

  it("numbers JSON Lines by line, skipping blank ones", () => {
    const s = load(`${cm("a")}\n\n  \n${cm("b")}`, "x.jsonl");
    expect(s.origins).toEqual([
      { file: "x.jsonl", document: 0, line: 1 },
      { file: "x.jsonl", document: 1, line: 4 },
    ]);
  });

  it("reads JSON followed by more YAML documents as the YAML stream it is", () => {
    const s = load(`{"serverVersion":{"gitVersion":"v1.29.0"}}\n---\n${cm("a")}\n`, "v.yaml");
    expect(s.sources[0]?.format).toBe("yaml");
    expect(s.facts.kubernetesVersion).toBe("v1.29.0");
    expect(s.origins).toEqual([{ file: "v.yaml", document: 1, line: 3 }]);
  });

  it("reads several JSON objects on their own lines as JSON Lines, but not several arrays", () => {
    expect(load(`${cm("a")}\n${cm("b")}`, "two.txt").sources[0]?.format).toBe("json-lines");
    expect(snapshotError(() => load(`[${cm("a")}]\n[1]`, "arr.json")).code).toBe("syntax");
  });
});

describe("errors", () => {
  it("refuses binary input, naming the file", () => {
    expect(snapshotError(() => load(new Uint8Array([0xff, 0xfe, 0, 1]), "b.bin"))).toMatchObject({
      code: "encoding",
      message: "input is not UTF-8 text, gzip, or a .zip/.tar archive",
      location: { file: "b.bin" },
    });
  });

  it("locates a JSON error by line and column, without V8's position in the message", () => {
    const e = snapshotError(() => load('{\n  "apiVersion": "v1",\n  "kind": "ConfigMap"', "c.json"));
    expect(e.code).toBe("syntax");
    expect(e.message).toMatch(/^invalid JSON: /);
    expect(e.message).not.toMatch(/position/);
    // The input ends after column 21 of line 3: the error is where the closing brace should be.
    expect(e.location).toEqual({ file: "c.json", line: 3, column: 22 });
  });

  it("says where nesting passes the depth limit", () => {
    const deep = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"b":{"c":{"d":{}}}}}';
    expect(snapshotError(() => load(deep, "d.json", { maxDepth: 3 }))).toMatchObject({
      code: "too-deep",
      message: "nesting deeper than the limit of 3 levels",
      location: { file: "d.json" },
    });
    expect(load(deep, "d.json", { maxDepth: 5 }).objects).toHaveLength(1);
  });

  it("checks the depth of every JSON line", () => {
    const deep = JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "b" },
      d: { e: { f: {} } },
    });
    expect(snapshotError(() => load(`${cm("a")}\n${deep}`, "x.jsonl", { maxDepth: 3 })).code).toBe(
      "too-deep",
    );
  });

  it("locates a bad JSON line by document and line", () => {
    const e = snapshotError(() => load(`${cm("a")}\n\n{"b": x}\n`, "x.jsonl"));
    expect(e.code).toBe("syntax");
    expect(e.message).toMatch(/^invalid JSON line: /);
    expect(e.location).toMatchObject({ file: "x.jsonl", document: 1, line: 3 });
  });

  it("locates a YAML error by document, line and column, without the parser's own position text", () => {
    const e = snapshotError(() => load("a: 1\n---\nb: [1, 2\nc: 3\n", "y.yaml"));
    expect(e.code).toBe("syntax");
    expect(e.message).toMatch(/^invalid YAML: /);
    expect(e.message).not.toMatch(/at line \d+, column \d+/);
    expect(e.message).not.toContain("\n");
    expect(e.location).toEqual({ file: "y.yaml", document: 1, line: 4, column: 1 });
  });

  it("names the alias limit and the document that passes it", () => {
    const text = `${cm("ok")}\n---\na: &a [1, 2]\nb: [*a, *a, *a, *a]\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n`;
    expect(snapshotError(() => load(text, "al.yaml", { maxAliasCount: 2 }))).toMatchObject({
      code: "alias-limit",
      message: "YAML alias expansion exceeds the limit (maxAliasCount 2)",
      location: { file: "al.yaml", document: 1 },
    });
    expect(load(text, "al.yaml", { maxAliasCount: 100 }).objects).toHaveLength(2);
  });

  it("names the size limit a file passes", () => {
    expect(snapshotError(() => load(cm("a"), "a.json", { maxBytes: 10 }))).toMatchObject({
      code: "too-large",
      message: "input exceeds the size limit of 10 bytes",
      location: { file: "a.json" },
    });
  });
});
