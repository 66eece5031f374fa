import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { HAS_CORPUS, listCorpusFiles } from "../testing";
import { SnapshotError } from "./errors";
import { fastYamlDocuments } from "./fast-yaml";

function slowDocuments(text: string): { index: number; value: unknown; line: number }[] {
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false });
  if (!Array.isArray(docs)) return [];
  const out: { index: number; value: unknown; line: number }[] = [];
  docs.forEach((d, index) => {
    if (d.contents === null) return;
    const value: unknown = d.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    const line = text.slice(0, d.contents.range[0]).split("\n").length;
    out.push({ index, value, line });
  });
  return out;
}

describe("fast YAML path", () => {
  it("reads edge cases exactly like the yaml package (values, document indexes, start lines)", () => {
    const cases = [
      "---\n---\na: 1\n",
      "# c\n---\na: 1\n",
      "a: 1\n---\n# only comment\n---\nb: 2\n",
      "\ufeffa: 1\r\n---\r\nb: 2\r\n",
      "a: 1\n...\n---\nb: 2\n",
      "%YAML 1.2\n---\na: 1\n",
      "d: 2024-01-01\no: 0755\nb: yes\nn: ~\nk: 1\nk: 2\nf: 1.5e3\nh: 0x1F\n",
      "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
      "s: |\n  line\n  ---\n  more\n---\nt: >-\n  folded\n  text\n",
      "--- # c\n\n  # c2\na: 1\n",
      "---   \r\n# c\r\n\r\nb: 2\r\n",
      "---\n  \t\n#c\n   # indented\nx: 1\n---\n\n\ny: 2\n",
      "--- {a: 1}\n--- [1]\n",
      "a: 1\nb: 1\nc: [x, x]\nd: [x, x]\n",
    ];
    for (const text of cases) {
      const fast = fastYamlDocuments("case.yaml", text, 100);
      const slow = slowDocuments(text);
      expect(fast, JSON.stringify(text)).toBeDefined();
      expect(
        fast?.map((d) => d.value),
        JSON.stringify(text),
      ).toEqual(slow.map((d) => d.value));
      expect(
        fast?.map((d) => d.index),
        JSON.stringify(text),
      ).toEqual(slow.map((d) => d.index));
      expect(
        fast?.map((d) => d.line),
        JSON.stringify(text),
      ).toEqual(slow.map((d) => d.line));
    }
  });

  it("gives no start line when the separators do not match the documents (a document after `...`)", () => {
    const text = "a: 1\n...\nb: 2\n---\nc: 3\n";
    expect(fastYamlDocuments("a.yaml", text, 100)).toEqual([
      { index: 0, value: { a: 1 } },
      { index: 1, value: { b: 2 } },
      { index: 2, value: { c: 3 } },
    ]);
  });

  it("refuses nesting far past the depth limit with too-deep and where it happens", () => {
    const text = `a: 1\nb:\n  ${"[".repeat(120)}${"]".repeat(120)}\n`;
    const err = (() => {
      try {
        fastYamlDocuments("deep.yaml", text, 100);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SnapshotError);
    expect(err).toMatchObject({
      code: "too-deep",
      message: "nesting deeper than the limit of 100 levels",
      // js-yaml stops on the bracket past its slack of five levels: line 3, column 2 + 104.
      location: { file: "deep.yaml", line: 3, column: 106 },
    });
  });

  it("leaves a syntax error to the yaml package, which locates it", () => {
    expect(fastYamlDocuments("bad.yaml", "a: [1, 2\nb: 3\n", 100)).toBeUndefined();
  });

  it("leaves shared (aliased) collections to the yaml package, which applies the alias limit", () => {
    expect(fastYamlDocuments("a.yaml", "a: &a [1, 2]\nb: [*a, *a]\n", 100)).toBeUndefined();
  });

  it.skipIf(!HAS_CORPUS)("agrees with the yaml package on every YAML file of the corpus", () => {
    for (const file of listCorpusFiles().filter((f) => /\.ya?ml$/.test(f))) {
      const text = readFileSync(file, "utf8").replace(/^\ufeff/, "");
      let slow;
      try {
        slow = slowDocuments(text);
      } catch {
        continue; // invalid for the yaml package too: errors are always reported by it
      }
      const fast = fastYamlDocuments(file, text, 100);
      if (fast === undefined) continue;
      expect(
        fast.map((d) => d.value),
        file,
      ).toEqual(slow.map((d) => d.value));
      const lines = fast.map((d) => d.line);
      if (lines.every((l) => l !== undefined)) expect(lines, file).toEqual(slow.map((d) => d.line));
    }
  });
});
