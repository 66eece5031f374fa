import { describe, expect, it } from "vitest";
import type { CheckStatus, CheckSummary, Severity } from "../types";
import type { ChecklistItem, ManualAnswer } from "./model";
import { scoreChecklist } from "./score";

function check(key: string, severity: Severity = "medium", weight = 1): ChecklistItem {
  return {
    key,
    kind: "automated",
    checkId: key,
    title: key,
    category: "reliability",
    severity,
    weight,
    rationale: "r",
    remediation: "fix",
    enabled: true,
  };
}

function question(
  key: string,
  severity: Severity = "medium",
  category: ChecklistItem["category"] = "operations",
) {
  return {
    key,
    kind: "manual",
    question: `${key}?`,
    title: key,
    category,
    severity,
    weight: 1,
    rationale: "r",
    remediation: "fix",
    enabled: true,
  } satisfies ChecklistItem;
}

function summary(id: string, counts: Partial<Record<CheckStatus, number>>): CheckSummary {
  return {
    id,
    title: id,
    category: "reliability",
    severity: "medium",
    rationale: "",
    remediation: "",
    references: [],
    counts: { pass: 0, fail: 0, skip: 0, error: 0, exempt: 0, ...counts },
    worst: null,
    passRatio: null,
  };
}

const yes: ManualAnswer = { answer: "yes", note: "" };

describe("scoreChecklist", () => {
  it("scores 100 / A when everything passes", () => {
    const s = scoreChecklist([check("a"), check("b", "critical"), question("q")], {
      checks: [summary("a", { pass: 3 }), summary("b", { pass: 1 })],
      manual: { q: yes },
    });
    expect(s.score).toBe(100);
    expect(s.grade).toBe("A");
    expect(s.counts).toMatchObject({ pass: 3, scored: 3, total: 3 });
  });

  it("has no score when nothing is applicable, and never counts that as a pass", () => {
    const s = scoreChecklist([check("a"), check("b"), question("q")], {
      checks: [summary("a", { skip: 4 }), summary("b", {})],
      manual: { q: { answer: "na", note: "no cluster state" } },
    });
    expect(s.score).toBeNull();
    expect(s.grade).toBeNull();
    expect(s.counts).toMatchObject({ "not-applicable": 3, pass: 0, scored: 0 });
    expect(s.items.map((i) => i.status)).toEqual(["not-applicable", "not-applicable", "not-applicable"]);
  });

  it("lets one critical failure outweigh many low passes", () => {
    const lows = Array.from({ length: 8 }, (_, i) => check(`low-${i}`, "low"));
    const s = scoreChecklist([...lows, check("crit", "critical")], {
      checks: [...lows.map((l) => summary(l.key, { pass: 5 })), summary("crit", { fail: 1 })],
      manual: {},
    });
    // 8 × 1 passing against 10 failing: 8 / 18.
    expect(s.score).toBe(44);
    expect(s.grade).toBe("F");
  });

  it("gives partial credit by share of objects and by 'partly'", () => {
    const s = scoreChecklist([check("a"), question("q")], {
      checks: [summary("a", { pass: 3, fail: 1 })],
      manual: { q: { answer: "partly", note: "runbook exists, never tested" } },
    });
    expect(s.items[0]).toMatchObject({ status: "partial", value: 0.75, failing: 1 });
    expect(s.items[1]).toMatchObject({ status: "partial", value: 0.5 });
    expect(s.score).toBe(63);
  });

  it("counts unanswered manual items visibly without scoring them", () => {
    const s = scoreChecklist([check("a"), question("q1"), question("q2")], {
      checks: [summary("a", { pass: 1 })],
      manual: { q2: { answer: "no", note: "" } },
    });
    expect(s.counts.unanswered).toBe(1);
    expect(s.items.find((i) => i.key === "q1")).toMatchObject({
      status: "unanswered",
      value: null,
      effectiveWeight: 0,
    });
    expect(s.score).toBe(50);
  });

  it("leaves out exempt and errored checks but counts them", () => {
    const s = scoreChecklist([check("a"), check("b"), check("c")], {
      checks: [summary("a", { exempt: 2 }), summary("b", { error: 1 }), summary("c", { fail: 1 })],
      manual: {},
    });
    expect(s.counts).toMatchObject({ exempt: 1, error: 1, fail: 1, scored: 1 });
    expect(s.score).toBe(0);
  });

  it("marks automated items without a snapshot and skips disabled items", () => {
    const disabled = { ...question("off"), enabled: false };
    const s = scoreChecklist([check("a"), disabled, question("q")], { checks: null, manual: { q: yes } });
    expect(s.items.map((i) => [i.key, i.status])).toEqual([
      ["a", "no-snapshot"],
      ["q", "pass"],
    ]);
    expect(s.score).toBe(100);
  });

  it("multiplies severity by item weight, and weight 0 removes an item from the score", () => {
    const s = scoreChecklist([check("a", "high", 2), check("b", "high", 1), check("c", "critical", 0)], {
      checks: [summary("a", { pass: 1 }), summary("b", { fail: 1 }), summary("c", { fail: 1 })],
      manual: {},
    });
    expect(s.items.map((i) => i.effectiveWeight)).toEqual([10, 5, 0]);
    expect(s.score).toBe(67);
  });

  it("scores per category", () => {
    const s = scoreChecklist([check("a"), question("q", "medium", "security")], {
      checks: [summary("a", { pass: 1 })],
      manual: { q: { answer: "no", note: "" } },
    });
    expect(s.categories.reliability.score).toBe(100);
    expect(s.categories.security.score).toBe(0);
    expect(s.categories.networking).toEqual({ score: null, grade: null, scored: 0 });
  });
});
