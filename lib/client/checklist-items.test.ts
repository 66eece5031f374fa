import { describe, expect, it } from "vitest";
import { groupByCategory, itemMatches, moveWithin, type SearchableItem } from "./checklist-items";

const item = (key: string, category: SearchableItem["category"], extra: Partial<SearchableItem> = {}) => ({
  key,
  title: key,
  category,
  severity: "medium",
  checkId: null,
  question: null,
  ...extra,
});

describe("itemMatches", () => {
  const dr = item("dr-plan", "reliability", {
    title: "Disaster-recovery plan, tested",
    question: "Have you restored from backup this quarter?",
    severity: "high",
  });

  it("matches every word anywhere, in any case and order", () => {
    expect(itemMatches(dr, "")).toBe(true);
    expect(itemMatches(dr, "  disaster ")).toBe(true);
    expect(itemMatches(dr, "TESTED recovery")).toBe(true);
    expect(itemMatches(dr, "backup quarter")).toBe(true);
    expect(itemMatches(dr, "reliability high")).toBe(true);
    expect(itemMatches(dr, "disaster security")).toBe(false);
  });

  it("finds automated items by their check id", () => {
    expect(itemMatches(item("x", "security", { checkId: "privileged-container" }), "privileged")).toBe(true);
  });
});

describe("groupByCategory", () => {
  it("keeps checklist order within a category and leaves empty categories out", () => {
    const groups = groupByCategory([item("a", "security"), item("b", "reliability"), item("c", "security")]);
    expect(groups.map((g) => [g.category, g.items.map((i) => i.key)])).toEqual([
      ["reliability", ["b"]],
      ["security", ["a", "c"]],
    ]);
  });
});

describe("moveWithin", () => {
  const order = ["s1", "r1", "s2", "r2", "s3"];
  const security = ["s1", "s2", "s3"];

  it("swaps an item with the one shown next to it, across items of other categories", () => {
    expect(moveWithin(order, security, "s2", "up")).toEqual(["s2", "r1", "s1", "r2", "s3"]);
    expect(moveWithin(order, security, "s2", "down")).toEqual(["s1", "r1", "s3", "r2", "s2"]);
  });

  it("moves past the neighbour a search left visible", () => {
    expect(moveWithin(order, ["s1", "s3"], "s3", "up")).toEqual(["s3", "r1", "s2", "r2", "s1"]);
  });

  it("goes nowhere at either end", () => {
    expect(moveWithin(order, security, "s1", "up")).toBeNull();
    expect(moveWithin(order, security, "s3", "down")).toBeNull();
  });
});
