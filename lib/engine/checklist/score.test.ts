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
const cluster = { objects: 500, workloads: 12 };

/** n automated items whose checks all pass, and their summaries. */
function passing(n: number, prefix = "c") {
  const items = Array.from({ length: n }, (_, i) => check(`${prefix}-${i}`));
  return { items, checks: items.map((i) => summary(i.key, { pass: 2 })) };
}

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

describe("coverage", () => {
  it("grades 20 scored automated items of a larger checklist", () => {
    const { items, checks } = passing(20);
    const idle = Array.from({ length: 60 }, (_, i) => check(`idle-${i}`));
    const s = scoreChecklist([...items, ...idle], {
      checks: [...checks, ...idle.map((i) => summary(i.key, {}))],
      manual: {},
      evidence: cluster,
    });
    expect(s.grade).toBe("A");
    expect(s.coverage).toMatchObject({
      sufficient: true,
      reasons: [],
      total: 80,
      scored: 20,
      applicable: 20,
      notApplicable: 60,
      scoredAutomated: 20,
      automatedTotal: 80,
      objectsExamined: 500,
      workloads: 12,
    });
  });

  it("says 'insufficient data' instead of a letter with 19 of 80 automated items scored", () => {
    const { items, checks } = passing(19);
    const idle = Array.from({ length: 61 }, (_, i) => check(`idle-${i}`));
    const s = scoreChecklist([...items, ...idle], {
      checks: [...checks, ...idle.map((i) => summary(i.key, { skip: 1 }))],
      manual: {},
      evidence: cluster,
    });
    expect(s.score).toBe(100);
    expect(s.grade).toBeNull();
    expect(s.categories.reliability).toMatchObject({ score: 100, grade: null });
    expect(s.coverage.sufficient).toBe(false);
    expect(s.coverage.reasons).toEqual([
      "Only 19 of 80 automated items could be scored; a grade needs at least 20.",
    ]);
  });

  it("needs half of the automated items when a checklist has fewer than 40", () => {
    const { items, checks } = passing(5);
    const idle = Array.from({ length: 5 }, (_, i) => check(`idle-${i}`));
    const input = { manual: {}, evidence: cluster };
    const five = scoreChecklist([...items, ...idle], { ...input, checks });
    expect(five.grade).toBe("A");
    const four = scoreChecklist([...items.slice(0, 4), ...idle, check("extra")], { ...input, checks });
    expect(four.coverage.reasons).toEqual([
      "Only 4 of 10 automated items could be scored; a grade needs at least 5.",
    ]);
  });

  it("gives no grade to a snapshot without workloads, however many items pass", () => {
    const { items, checks } = passing(30);
    const s = scoreChecklist(items, { checks, manual: {}, evidence: { objects: 13, workloads: 0 } });
    expect(s.grade).toBeNull();
    expect(s.coverage.reasons[0]).toMatch(/^The snapshot contains no workloads/);
  });

  it("gives no grade before a snapshot, even when every manual item is answered yes", () => {
    const s = scoreChecklist([check("a"), question("q")], {
      checks: null,
      manual: { q: yes },
      evidence: null,
    });
    expect(s.score).toBe(100);
    expect(s.grade).toBeNull();
    expect(s.coverage).toMatchObject({ unanswered: 1, scored: 1, objectsExamined: null });
    expect(s.coverage.reasons).toEqual(["No snapshot has been uploaded yet."]);
  });

  it("grades a manual-only checklist on its answers alone", () => {
    const s = scoreChecklist([question("q1"), question("q2")], {
      checks: null,
      manual: { q1: yes },
      evidence: null,
    });
    expect(s.grade).toBe("A");
    expect(s.coverage).toMatchObject({ sufficient: true, unanswered: 1, automatedTotal: 0 });
  });

  it("ignores weight-0 items in the rule and counts exempt and errored items as left out", () => {
    const { items, checks } = passing(20);
    const zero = { ...check("zero"), weight: 0 };
    const s = scoreChecklist([...items, zero, check("ex"), check("err")], {
      checks: [
        ...checks,
        summary("zero", { fail: 1 }),
        summary("ex", { exempt: 1 }),
        summary("err", { error: 1 }),
      ],
      manual: {},
      evidence: cluster,
    });
    expect(s.coverage).toMatchObject({ sufficient: true, automatedTotal: 22, applicable: 23, leftOut: 3 });
  });

  it("reproduces issue 11: 13 NetworkPolicies are not an A", () => {
    const policy = { ...check("network-policy-targets-pods"), category: "networking" as const };
    const api = check("deprecated-api-version");
    const idle = Array.from({ length: 76 }, (_, i) => check(`idle-${i}`));
    const s = scoreChecklist([policy, api, ...idle], {
      checks: [
        summary("network-policy-targets-pods", { pass: 13 }),
        summary("deprecated-api-version", { pass: 13 }),
        ...idle.map((i) => summary(i.key, {})),
      ],
      manual: {},
      evidence: { objects: 13, workloads: 0 },
    });
    expect(s.grade).toBeNull();
    expect(s.coverage).toMatchObject({ scored: 1, vacuous: 1, notApplicable: 76, sufficient: false });
  });
});

describe("vacuous passes", () => {
  const evidenceWithout = { objects: 4, workloads: 0 };

  it("marks a pod-selecting check that passes without any workload as vacuous, not scored", () => {
    const s = scoreChecklist([check("pdb-blocks-eviction")], {
      checks: [summary("pdb-blocks-eviction", { pass: 1 })],
      manual: {},
      evidence: evidenceWithout,
    });
    expect(s.items[0]).toMatchObject({ status: "vacuous", value: null, effectiveWeight: 0 });
    expect(s.items[0]?.detail).toMatch(/only vacuously/);
    expect(s.counts).toMatchObject({ vacuous: 1, pass: 0, scored: 0 });
    expect(s.score).toBeNull();
  });

  it("counts the same pass once the snapshot has workloads", () => {
    const s = scoreChecklist([check("pdb-blocks-eviction")], {
      checks: [summary("pdb-blocks-eviction", { pass: 1 })],
      manual: {},
      evidence: cluster,
    });
    expect(s.items[0]).toMatchObject({ status: "pass", value: 1 });
  });

  it("keeps failures of such checks and passes of checks that examine objects themselves", () => {
    const s = scoreChecklist([check("network-policy-targets-pods"), check("rbac-wildcard")], {
      checks: [
        summary("network-policy-targets-pods", { pass: 1, fail: 1 }),
        summary("rbac-wildcard", { pass: 3 }),
      ],
      manual: {},
      evidence: evidenceWithout,
    });
    expect(s.items.map((i) => i.status)).toEqual(["partial", "pass"]);
  });
});
