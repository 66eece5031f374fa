import { describe, expect, it } from "vitest";
import { writeJson } from "./json-stream";

function written(value: unknown): { text: string; pieces: number } {
  let text = "";
  let pieces = 0;
  writeJson(value, (t) => {
    text += t;
    pieces++;
  });
  return { text, pieces };
}

describe("writeJson", () => {
  it("writes what JSON.stringify(value, null, 2) writes, whatever the nesting", () => {
    const results = Array.from({ length: 3000 }, (_, i) => ({
      checkId: `check-${i % 7}`,
      status: i % 3 ? "pass" : "fail",
      message: `line one\nline "two" ${i}`,
      object: { kind: "Pod", name: `p-${i}`, labels: { "a/b": "c" } },
      skipped: undefined,
      when: new Date(0),
      nested: [[], {}, [1, [2, undefined]], null],
    }));
    const cases: unknown[] = [
      { input: "a.yaml", analysis: { results, score: { score: 71 }, empty: [], none: undefined } },
      [{ analysis: { results } }, { analysis: { results: results.slice(0, 2) } }],
      results.map((r) => [r, undefined, () => 1]),
      // A long array whose items now and then hold long arrays of their own.
      Array.from({ length: 600 }, (_, i) =>
        i % 100 === 7 ? { inner: Array.from({ length: 300 }, (_, j) => ({ j })) } : { i },
      ),
      { deep: { deeper: { deepest: { long: Array.from({ length: 400 }, (_, i) => i) } } } },
      "plain",
      42,
      [],
    ];
    for (const value of cases) expect(written(value).text).toBe(JSON.stringify(value, null, 2) + "\n");
  });

  it("hands a big document out in pieces", () => {
    const big = { results: Array.from({ length: 40_000 }, (_, i) => ({ id: i, text: "x".repeat(40) })) };
    expect(written(big).pieces).toBeGreaterThan(1);
  });
});
