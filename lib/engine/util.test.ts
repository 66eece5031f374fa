import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nestsDeeperThan, sameJson } from "./util";

/** JSON with sorted keys: the meaning sameJson must agree with. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === "object" && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

describe("sameJson", () => {
  it("ignores key order and nothing else", () => {
    expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson({ a: "1" }, { a: 1 })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
  });

  it("reads non-finite numbers as null, as JSON.stringify does", () => {
    expect(sameJson({ a: Number.NaN }, { a: null })).toBe(true);
    expect(sameJson([Infinity], [-Infinity])).toBe(true);
  });

  it("agrees with comparing canonical JSON on random values", () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constantFrom(null, true, false, 0, 1, Number.NaN, "", "a"),
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(canonical(a) === canonical(b));
        expect(sameJson(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("nestsDeeperThan", () => {
  const nested = (levels: number): unknown => {
    let v: unknown = "leaf";
    for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { k: v };
    return v;
  };

  it("counts objects and arrays, not scalars, from the given level", () => {
    expect(nestsDeeperThan(nested(5), 1, 5)).toBe(false);
    expect(nestsDeeperThan(nested(6), 1, 5)).toBe(true);
    expect(nestsDeeperThan(nested(3), 3, 5)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3, 5)).toBe(true);
    expect(nestsDeeperThan("scalar", 99, 5)).toBe(false);
    // The object, its array, the object in it and the empty object in that: four levels.
    expect(nestsDeeperThan({ a: 1, b: [1, { c: {} }] }, 1, 4)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, { c: {} }] }, 1, 3)).toBe(true);
  });
});
