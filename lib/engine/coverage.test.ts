import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot } from "./index";
import { computeScore, summarizeChecks } from "./score";
import type { CheckMeta, CheckResult } from "./types";
import { insufficientReasons, requiredScored } from "./coverage";
import { SMALL_APP_YAML as app, networkPoliciesYaml } from "./testing";

const policies = networkPoliciesYaml(13);

function load(yaml: string) {
  return loadSnapshot([{ name: "input.yaml", data: new TextEncoder().encode(yaml) }]);
}

describe("coverage of the engine's score", () => {
  it("gives 13 NetworkPolicies no grade, says why and marks the empty-selector passes vacuous", () => {
    const { score } = analyze(load(policies));
    expect(score.grade).toBeNull();
    expect(Object.values(score.categories).every((c) => c.grade === null)).toBe(true);
    expect(score.coverage).toMatchObject({
      sufficient: false,
      vacuous: 1,
      objectsExamined: 13,
      workloads: 0,
    });
    expect(score.coverage?.reasons.join(" ")).toMatch(/no workloads/);
  });

  it("grades a small real application", () => {
    const { score } = analyze(load(app));
    expect(score.grade).not.toBeNull();
    expect(score.coverage).toMatchObject({ sufficient: true, reasons: [], vacuous: 0, workloads: 1 });
    expect(score.coverage!.scored).toBeGreaterThanOrEqual(20);
  });

  it("counts bare Pods as workloads", () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: a}\nspec: {containers: [{name: c, image: "x:1"}]}\n`;
    expect(analyze(load(pod)).score.coverage?.workloads).toBe(1);
  });

  it("leaves arithmetic-only callers (no evidence) to the scored-checks rule", () => {
    const meta = (id: string): CheckMeta => ({
      id,
      title: id,
      category: "security",
      severity: "high",
      rationale: "",
      remediation: "",
      references: [],
    });
    const metas = ["a", "b", "c"].map(meta);
    const pass = (checkId: string): CheckResult => ({
      checkId,
      status: "pass",
      severity: "high",
      message: "",
      object: null,
    });
    expect(computeScore(summarizeChecks(metas, [pass("a"), pass("b")])).grade).toBe("A");
    expect(computeScore(summarizeChecks(metas, [pass("a")])).grade).toBeNull();
  });
});

describe("the coverage rule", () => {
  it("needs 20 scored, or half when there are fewer than 40", () => {
    expect([0, 1, 2, 3, 10, 39, 40, 41, 94].map(requiredScored)).toEqual([0, 1, 1, 2, 5, 20, 20, 20, 20]);
  });

  it("lists every reason that applies", () => {
    expect(
      insufficientReasons({
        automatedTotal: 80,
        scoredAutomated: 3,
        scored: 3,
        evidence: { objects: 9, workloads: 0 },
        unit: "checks",
      }),
    ).toHaveLength(2);
    expect(
      insufficientReasons({
        automatedTotal: 80,
        scoredAutomated: 0,
        scored: 0,
        evidence: null,
        unit: "checks",
      }),
    ).toEqual(["No snapshot has been uploaded yet."]);
    expect(
      insufficientReasons({
        automatedTotal: 0,
        scoredAutomated: 0,
        scored: 0,
        evidence: null,
        unit: "checks",
      }),
    ).toEqual(["Nothing could be scored yet."]);
  });
});
