import { describe, expect, it } from "vitest";

import {
  ZAnswers,
  answeredCount,
  coreQuestionIds,
  getQuestion,
  parseAnswer,
  questionIds,
  questionnaire,
  questionnaireProgress,
} from "./questionnaire";

// The DESIGN.md §3 contract: these ids and types are part of the public API.
const contract = {
  production_hosts: "integer",
  services: "integer",
  services_multi_host: "integer",
  containerized: "choice",
  deploys_per_week: "integer",
  needs_zero_downtime_deploys: "boolean",
  needs_autoscaling: "boolean",
  needs_high_availability: "boolean",
  needs_preview_environments: "boolean",
  needs_scheduled_jobs: "boolean",
  needs_portability: "boolean",
  platform_engineers: "integer",
  kubernetes_experience: "choice",
  networking_expertise: "boolean",
  managed_kubernetes_available: "boolean",
  stateful_workloads_in_cluster: "boolean",
} as const;

describe("questionnaire definition", () => {
  it("contains exactly the contract's core questions with their types", () => {
    expect([...coreQuestionIds].sort()).toEqual(Object.keys(contract).sort());
    for (const [id, type] of Object.entries(contract)) expect(getQuestion(id)?.type).toBe(type);
  });

  it("offers the contract's choices", () => {
    const values = (id: string) => {
      const q = getQuestion(id);
      return q?.type === "choice" ? q.options.map((o) => o.value) : [];
    };
    expect(values("containerized")).toEqual(["none", "some", "all"]);
    expect(values("kubernetes_experience")).toEqual(["none", "learning", "production"]);
  });

  it("has unique ids and complete texts everywhere", () => {
    expect(new Set(questionIds).size).toBe(questionIds.length);
    expect(new Set(questionnaire.map((s) => s.id)).size).toBe(questionnaire.length);
    for (const section of questionnaire) {
      expect(section.title).not.toBe("");
      expect(section.description).not.toBe("");
      for (const q of section.questions) {
        expect(q.label, q.id).toMatch(/\?$/);
        expect(q.help.length, q.id).toBeGreaterThan(40);
      }
    }
  });

  it("bounds integers from zero", () => {
    for (const id of questionIds) {
      const q = getQuestion(id);
      if (q?.type === "integer") {
        expect(q.min).toBe(0);
        expect(q.max).toBeGreaterThan(100);
      }
    }
  });
});

describe("parseAnswer", () => {
  it("accepts valid values of each type", () => {
    expect(parseAnswer("production_hosts", 0)).toEqual({ ok: true, value: 0 });
    expect(parseAnswer("production_hosts", 100_000)).toEqual({ ok: true, value: 100_000 });
    expect(parseAnswer("needs_autoscaling", false)).toEqual({ ok: true, value: false });
    expect(parseAnswer("containerized", "some")).toEqual({ ok: true, value: "some" });
  });

  it("treats null as a cleared answer", () => {
    expect(parseAnswer("services", null)).toEqual({ ok: true, value: null });
    expect(parseAnswer("kubernetes_experience", null)).toEqual({ ok: true, value: null });
  });

  it.each([
    [2.5, "2.5"],
    [-1, "-1"],
    [100_001, "100001"],
    ["5", '"5"'],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [true, "true"],
    [undefined, "nothing"],
    [[3], "a list"],
  ])("rejects %p for an integer question", (value, got) => {
    const result = parseAnswer("production_hosts", value);
    expect(result).toEqual({ ok: false, message: `Expected a whole number from 0 to 100000, got ${got}.` });
  });

  it("uses each integer question's own maximum", () => {
    expect(parseAnswer("platform_engineers", 10_001)).toEqual({
      ok: false,
      message: "Expected a whole number from 0 to 10000, got 10001.",
    });
  });

  it.each([
    ["yes", 'Expected true or false, got "yes".'],
    [1, "Expected true or false, got 1."],
    [{}, "Expected true or false, got a value of type object."],
  ])("rejects %p for a yes/no question", (value, message) => {
    expect(parseAnswer("needs_portability", value)).toEqual({ ok: false, message });
  });

  it("rejects values outside a choice's options and lists the allowed ones", () => {
    expect(parseAnswer("containerized", "most")).toEqual({
      ok: false,
      message: 'Expected one of none, some, all, got "most".',
    });
    expect(parseAnswer("kubernetes_experience", "NONE")).toMatchObject({ ok: false });
  });

  it("rejects unknown question ids", () => {
    expect(parseAnswer("team_size", 3)).toEqual({ ok: false, message: 'Unknown question id "team_size".' });
  });
});

describe("ZAnswers", () => {
  it("parses a valid record, keeping cleared answers", () => {
    const parsed = ZAnswers.parse({ production_hosts: 4, containerized: "all", needs_autoscaling: null });
    expect(parsed).toEqual({ production_hosts: 4, containerized: "all", needs_autoscaling: null });
  });

  it("reports every bad entry at its own path", () => {
    const result = ZAnswers.safeParse({ production_hosts: -3, bogus: true, containerized: "all" });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(issues).toEqual([
      { path: ["production_hosts"], message: "Expected a whole number from 0 to 100000, got -3." },
      { path: ["bogus"], message: 'Unknown question id "bogus".' },
    ]);
  });

  it("rejects non-objects", () => {
    expect(ZAnswers.safeParse([1, 2]).success).toBe(false);
    expect(ZAnswers.safeParse("production_hosts=3").success).toBe(false);
  });
});

describe("progress", () => {
  it("counts only valid, non-cleared answers to known questions", () => {
    const answers = {
      production_hosts: 3,
      services: null,
      containerized: "all",
      needs_autoscaling: "yes",
      configuration_management: true,
      unknown: 1,
    };
    expect(answeredCount(answers)).toBe(3);
    expect(questionnaireProgress(answers)).toEqual({
      answered: 3,
      total: questionIds.length,
      coreAnswered: 2,
      coreTotal: 16,
      percent: Math.floor((3 / questionIds.length) * 100),
    });
  });

  it("reaches 100% only when everything is answered", () => {
    const all = Object.fromEntries(
      questionIds.map((id) => {
        const q = getQuestion(id);
        return [id, q?.type === "integer" ? 1 : q?.type === "choice" ? q.options[0]?.value : true];
      }),
    );
    expect(questionnaireProgress(all).percent).toBe(100);
    const { production_hosts: _dropped, ...allButOne } = all;
    expect(questionnaireProgress(allButOne).percent).toBeLessThan(100);
    expect(questionnaireProgress({}).percent).toBe(0);
  });
});
