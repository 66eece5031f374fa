import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { HAS_CORPUS, listCorpusFiles } from "../testing";
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
    ];
    for (const text of cases) {
      const fast = fastYamlDocuments("case.yaml", text, 100);
      expect(fast, JSON.stringify(text)).toBeDefined();
      expect(
        fast?.map((d) => d.value),
        JSON.stringify(text),
      ).toEqual(slowDocuments(text).map((d) => d.value));
      expect(
        fast?.map((d) => d.index),
        JSON.stringify(text),
      ).toEqual(slowDocuments(text).map((d) => d.index));
    }
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
