import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  BASE_SCORE,
  HEURISTIC_VERSION,
  VERDICT_MINIMUM,
  VERDICT_THRESHOLDS,
  ZNeedKubernetes,
  assessNeedKubernetes,
  heuristicExplanation,
  needWeights,
  scaleBands,
  type NeedKubernetes,
  type SnapshotFacts,
} from "./need-kubernetes";
import { coreQuestionIds, getQuestion, type AnswerValue } from "./questionnaire";

type Answers = Partial<Record<string, AnswerValue>>;

const sum = (r: NeedKubernetes) => r.factors.reduce((total, f) => total + f.effect, 0);
const factor = (r: NeedKubernetes, id: string) => r.factors.find((f) => f.id === id);

const noNeeds = {
  needs_zero_downtime_deploys: false,
  needs_autoscaling: false,
  needs_high_availability: false,
  needs_preview_environments: false,
  needs_scheduled_jobs: false,
  needs_portability: false,
};
const allNeeds = Object.fromEntries(Object.keys(noNeeds).map((id) => [id, true]));

const capableTeam = {
  platform_engineers: 3,
  kubernetes_experience: "production",
  networking_expertise: true,
  stateful_workloads_in_cluster: false,
};

const tinyStartup: Answers = {
  production_hosts: 2,
  services: 3,
  services_multi_host: 0,
  containerized: "some",
  deploys_per_week: 8,
  ...noNeeds,
  needs_zero_downtime_deploys: true,
  platform_engineers: 0,
  kubernetes_experience: "none",
  networking_expertise: false,
  managed_kubernetes_available: true,
  stateful_workloads_in_cluster: false,
};

const bigOrg: Answers = {
  production_hosts: 120,
  services: 60,
  services_multi_host: 40,
  containerized: "all",
  deploys_per_week: 80,
  ...allNeeds,
  ...capableTeam,
  managed_kubernetes_available: true,
};

// Exactly one author's rule of thumb: 10 VMs, 5 apps each spread over several hosts.
const ruleOfThumbOrg: Answers = {
  production_hosts: 10,
  services: 5,
  services_multi_host: 5,
  containerized: "all",
  deploys_per_week: 10,
  ...noNeeds,
  ...capableTeam,
  managed_kubernetes_available: true,
};

describe("assessNeedKubernetes — hand-made cases", () => {
  it("sends a tiny startup to Compose and configuration management", () => {
    const r = assessNeedKubernetes(tinyStartup);
    expect(r.verdict).toBe("not-needed");
    expect(r.recommendation).toBe("compose-and-config-management");
    expect(r.score).toBeLessThan(VERDICT_THRESHOLDS.borderline);
    expect(r.missing).toEqual([]);
    expect(factor(r, "simple_tools_threshold")?.effect).toBe(0);
    // Team gaps are irrelevant when Kubernetes isn't recommended.
    expect(r.caveats.join(" ")).not.toMatch(/networking/i);
  });

  it("asks a Compose user without configuration management to adopt one", () => {
    const r = assessNeedKubernetes({ ...tinyStartup, configuration_management: false });
    expect(r.caveats.some((c) => c.includes("Ansible"))).toBe(true);
    expect(assessNeedKubernetes({ ...tinyStartup, configuration_management: true }).caveats).toEqual([]);
  });

  it("recommends managed Kubernetes to a big multi-service org with real needs", () => {
    const r = assessNeedKubernetes(bigOrg);
    expect(r.verdict).toBe("needed");
    expect(r.recommendation).toBe("managed-kubernetes");
    expect(r.score).toBe(100);
    expect(factor(r, "simple_tools_threshold")?.effect).toBe(10);
  });

  it("recommends self-managed Kubernetes only when no managed service exists and the team can run one", () => {
    const r = assessNeedKubernetes({ ...bigOrg, managed_kubernetes_available: false });
    expect(r.recommendation).toBe("self-managed-kubernetes");
    expect(r.caveats.some((c) => /certificates/.test(c) && /quarter/.test(c))).toBe(true);
    expect(r.caveats.some((c) => /back up its secrets/.test(c))).toBe(true);
  });

  it.each([
    ["no Kubernetes experience", { kubernetes_experience: "none" }],
    ["a single platform engineer", { platform_engineers: 1 }],
    ["no platform engineers", { platform_engineers: 0 }],
  ])("keeps recommending managed Kubernetes without a managed option when the team has %s", (_, team) => {
    const r = assessNeedKubernetes({ ...bigOrg, managed_kubernetes_available: false, ...team });
    expect(r.verdict).toBe("needed");
    expect(r.recommendation).toBe("managed-kubernetes");
    expect(r.caveats.some((c) => c.includes("isn't an option"))).toBe(true);
  });

  it("treats an unknown managed option as available rather than pushing self-managed", () => {
    const { managed_kubernetes_available: _omit, ...rest } = bigOrg;
    const r = assessNeedKubernetes(rest);
    expect(r.recommendation).toBe("managed-kubernetes");
    expect(r.missing).toEqual(["managed_kubernetes_available"]);
  });

  it("rates an org exactly at the rule of thumb, with no special needs, as borderline", () => {
    const r = assessNeedKubernetes(ruleOfThumbOrg);
    expect(r.verdict).toBe("borderline");
    expect(r.recommendation).toBe("managed-container-platform");
    expect(factor(r, "simple_tools_threshold")).toMatchObject({
      effect: 10,
      label: "Past the simple-tools threshold",
    });
  });

  it("misses the rule-of-thumb bonus one host short", () => {
    const at = assessNeedKubernetes(ruleOfThumbOrg);
    const below = assessNeedKubernetes({ ...ruleOfThumbOrg, production_hosts: 9 });
    expect(factor(below, "simple_tools_threshold")?.effect).toBe(0);
    expect(at.score - below.score).toBe(10 + 14 - 6);
  });

  it("tips a rule-of-thumb org with availability and scaling needs into needed", () => {
    const r = assessNeedKubernetes({
      ...ruleOfThumbOrg,
      needs_zero_downtime_deploys: true,
      needs_high_availability: true,
      needs_autoscaling: true,
    });
    expect(r.verdict).toBe("needed");
    expect(r.recommendation).toBe("managed-kubernetes");
  });

  it("lets portability plus other needs turn a borderline score into Kubernetes", () => {
    // 10 hosts but only 3 multi-host services: short of the rule of thumb.
    const base = {
      ...ruleOfThumbOrg,
      services_multi_host: 3,
      needs_scheduled_jobs: true,
      needs_preview_environments: true,
    };
    const withoutPortability = assessNeedKubernetes(base);
    const withPortability = assessNeedKubernetes({ ...base, needs_portability: true });
    expect(withoutPortability.verdict).toBe("borderline");
    expect(withoutPortability.recommendation).toBe("managed-container-platform");
    expect(withPortability.verdict).toBe("borderline");
    expect(withPortability.recommendation).toBe("managed-kubernetes");
    expect(withPortability.caveats.some((c) => c.includes("borderline"))).toBe(true);
  });

  it("gives a tiny team with every need a managed container platform, not Compose", () => {
    const r = assessNeedKubernetes({ ...tinyStartup, ...allNeeds, needs_portability: false });
    expect(r.verdict).toBe("borderline");
    expect(r.recommendation).toBe("managed-container-platform");
  });

  it("warns about team gaps and in-cluster state when Kubernetes is recommended", () => {
    const r = assessNeedKubernetes({
      ...bigOrg,
      platform_engineers: 0,
      kubernetes_experience: "none",
      networking_expertise: false,
      stateful_workloads_in_cluster: true,
      containerized: "none",
    });
    const text = r.caveats.join("\n");
    expect(text).toMatch(/learn in stages/);
    expect(text).toMatch(/Nobody has time set aside/);
    expect(text).toMatch(/strong in networking/);
    expect(text).toMatch(/databases and queues belong in the cluster/);
    expect(text).toMatch(/Containerize the applications first/);
    // Cost answers never move the score.
    expect(r.score).toBe(assessNeedKubernetes({ ...bigOrg, containerized: "none" }).score);
  });

  it("lists cost answers as zero-point factors that explain the recommendation", () => {
    const r = assessNeedKubernetes(bigOrg);
    for (const id of [
      "platform_engineers",
      "kubernetes_experience",
      "networking_expertise",
      "managed_kubernetes_available",
      "stateful_workloads_in_cluster",
    ]) {
      expect(factor(r, id), id).toMatchObject({ effect: 0 });
      expect(factor(r, id)?.explanation, id).toMatch(/^Doesn't change the need score\./);
    }
  });
});

describe("missing answers", () => {
  it("lists all 16 core questions, scores from the base only, and says so", () => {
    const r = assessNeedKubernetes({});
    expect(r.missing).toEqual([...coreQuestionIds]);
    expect(r.missing).toHaveLength(16);
    expect(r.score).toBe(BASE_SCORE);
    expect(r.verdict).toBe("insufficient-answers");
    expect(r.recommendation).toBeNull();
    expect(r.facts).toEqual([]);
    expect(r.caveats[0]).toMatch(/^16 core questions are unanswered: /);
    expect(r.caveats[0]).toContain(getQuestion("production_hosts")?.label);
    expect(r.factors.filter((f) => f.effect !== 0)).toEqual([]);
    expect(factor(r, "simple_tools_threshold")?.explanation).toMatch(/can't be checked/);
  });

  it("treats cleared (null) answers as missing", () => {
    const r = assessNeedKubernetes({ ...bigOrg, services: null });
    expect(r.missing).toEqual(["services"]);
    expect(r.caveats[0]).toMatch(/^1 core question is unanswered/);
    expect(factor(r, "services")).toBeUndefined();
  });

  it("ignores invalid answers, lists them as missing and explains why", () => {
    const r = assessNeedKubernetes({ ...tinyStartup, production_hosts: -4, containerized: "mostly" });
    expect(r.missing).toEqual(["production_hosts", "containerized"]);
    expect(r.caveats).toContain(
      `The answer to "${getQuestion("production_hosts")?.label}" was ignored: Expected a whole number from 0 to 100000, got -4.`,
    );
    expect(r.caveats.some((c) => c.includes('got "mostly"'))).toBe(true);
  });

  it("does not count optional questions as missing", () => {
    expect(assessNeedKubernetes(bigOrg).missing).toEqual([]);
  });
});

describe("minimum answers for a verdict", () => {
  it("gives no verdict and no recommendation from no answers, and says what is missing", () => {
    const r = assessNeedKubernetes({});
    expect(r.coverage).toEqual({ known: 0, total: 16, minimum: VERDICT_MINIMUM.known });
    expect(r.toVerdict).toEqual([
      `Answer "${getQuestion("production_hosts")?.label}" (or upload a snapshot that counts it).`,
      `Answer "${getQuestion("services")?.label}" (or upload a snapshot that counts it).`,
      "Answer 8 more core questions: 0 of 16 are answered and a verdict needs at least 8.",
    ]);
    expect(r.caveats.join(" ")).not.toMatch(/Compose|Containerize/);
  });

  it("needs both scale counts even when many other questions are answered", () => {
    const { services: _s, ...rest } = bigOrg;
    const r = assessNeedKubernetes(rest);
    expect(r.coverage.known).toBe(15);
    expect(r.verdict).toBe("insufficient-answers");
    expect(r.toVerdict).toHaveLength(1);
    expect(r.toVerdict[0]).toContain(getQuestion("services")?.label);
  });

  it("gives a verdict at exactly the minimum and not one answer below it", () => {
    const atMinimum: Answers = {
      production_hosts: 2,
      services: 3,
      services_multi_host: 0,
      containerized: "some",
      deploys_per_week: 8,
      needs_zero_downtime_deploys: false,
      needs_autoscaling: false,
      needs_high_availability: false,
    };
    expect(assessNeedKubernetes(atMinimum)).toMatchObject({
      verdict: "not-needed",
      recommendation: "compose-and-config-management",
      toVerdict: [],
      coverage: { known: 8 },
    });
    const below = assessNeedKubernetes({ ...atMinimum, needs_high_availability: null });
    expect(below.verdict).toBe("insufficient-answers");
    expect(below.toVerdict).toEqual([
      "Answer 1 more core question: 7 of 16 are answered and a verdict needs at least 8.",
    ]);
    expect(below.score).toBe(assessNeedKubernetes(atMinimum).score);
  });

  it("lets snapshot counts stand in for the two required answers", () => {
    const { production_hosts: _h, services: _s, ...rest } = tinyStartup;
    expect(assessNeedKubernetes(rest).verdict).toBe("insufficient-answers");
    expect(assessNeedKubernetes(rest, { nodeCount: 2, workloadCount: 3 }).verdict).toBe("not-needed");
  });
});

describe("snapshot facts", () => {
  it("fills unanswered host and service counts and says where they came from", () => {
    const { production_hosts: _h, services: _s, ...rest } = ruleOfThumbOrg;
    const r = assessNeedKubernetes(rest, { nodeCount: 12, workloadCount: 7, source: "prod.json" });
    expect(r.missing).toEqual([]);
    expect(r.facts).toContainEqual({ id: "production_hosts", value: 12, source: "snapshot" });
    expect(r.facts).toContainEqual({ id: "services", value: 7, source: "snapshot" });
    expect(r.facts).toContainEqual({ id: "services_multi_host", value: 5, source: "questionnaire" });
    expect(factor(r, "production_hosts")?.explanation).toMatch(
      /uploaded snapshot \(prod\.json\), which counts 12 nodes/,
    );
    expect(factor(r, "services")?.explanation).toMatch(/counts 7 workloads/);
    expect(r.score).toBe(assessNeedKubernetes({ ...rest, production_hosts: 12, services: 7 }).score);
  });

  it("prefers the questionnaire answer and flags a disagreement", () => {
    const r = assessNeedKubernetes(ruleOfThumbOrg, { nodeCount: 40, workloadCount: 5 });
    expect(r.facts).toContainEqual({ id: "production_hosts", value: 10, source: "questionnaire" });
    expect(r.caveats).toContain(
      "The uploaded snapshot shows 40 nodes, but the questionnaire says 10; the score uses your answer.",
    );
    expect(r.caveats.join(" ")).not.toMatch(/workloads/);
  });

  it("ignores snapshot counts that aren't whole numbers", () => {
    const r = assessNeedKubernetes({}, { nodeCount: -1, workloadCount: 2.5 });
    expect(r.missing).toContain("production_hosts");
    expect(r.missing).toContain("services");
    expect(r.facts).toEqual([]);
  });
});

describe("scoring tables", () => {
  it("never lowers points as scale grows", () => {
    for (const [id, bands] of Object.entries(scaleBands)) {
      expect(bands[0]?.min, id).toBe(0);
      for (let i = 1; i < bands.length; i++) {
        expect(bands[i]!.min, id).toBeGreaterThan(bands[i - 1]!.min);
        expect(bands[i]!.points, id).toBeGreaterThanOrEqual(bands[i - 1]!.points);
      }
    }
    for (const weight of Object.values(needWeights)) expect(weight.points).toBeGreaterThan(0);
  });

  it("documents the model, its thresholds and version", () => {
    expect(HEURISTIC_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(heuristicExplanation).toContain(`under ${VERDICT_THRESHOLDS.borderline}`);
    expect(heuristicExplanation).toContain(`${VERDICT_THRESHOLDS.needed} or more`);
    expect(heuristicExplanation).toMatch(/starts at 0/);
  });

  it("shows a cap line so that factors still add up to 100", () => {
    const r = assessNeedKubernetes(bigOrg);
    const cap = factor(r, "score_clamp");
    expect(cap?.effect).toBeLessThan(0);
    expect(cap?.explanation).toContain(`add up to ${100 - (cap?.effect ?? 0)}`);
    expect(sum(r)).toBe(100);
    expect(assessNeedKubernetes(ruleOfThumbOrg).factors.some((f) => f.id === "score_clamp")).toBe(false);
  });
});

// --- properties -------------------------------------------------------------------------------------

const scaleIds = ["production_hosts", "services", "services_multi_host", "deploys_per_week"] as const;
const needIds = Object.keys(noNeeds);

function valueArbitrary(id: string): fc.Arbitrary<AnswerValue> {
  const q = getQuestion(id);
  if (!q) throw new Error(`unknown question ${id}`);
  switch (q.type) {
    case "integer":
      return fc.oneof(
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: q.max }),
        fc.constant(null),
      );
    case "boolean":
      return fc.oneof(fc.boolean(), fc.constant(null));
    case "choice":
      return fc.oneof(fc.constantFrom(...q.options.map((o) => o.value)), fc.constant(null));
  }
}

const answersArb: fc.Arbitrary<Answers> = fc.record(
  Object.fromEntries([...coreQuestionIds, "configuration_management"].map((id) => [id, valueArbitrary(id)])),
  { requiredKeys: [] },
);
const factsArb: fc.Arbitrary<SnapshotFacts> = fc.record(
  {
    nodeCount: fc.integer({ min: -5, max: 500 }),
    workloadCount: fc.integer({ min: -5, max: 500 }),
    source: fc.string(),
  },
  { requiredKeys: [] },
);

describe("properties", () => {
  it("keeps the score an integer in 0–100 that its factors add up to, in the published shape", () => {
    fc.assert(
      fc.property(answersArb, factsArb, (answers, facts) => {
        const r = assessNeedKubernetes(answers, facts);
        expect(ZNeedKubernetes.parse(r)).toEqual(r);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(BASE_SCORE + sum(r)).toBe(r.score);
        const known = new Set(r.facts.map((f) => f.id));
        const enough =
          VERDICT_MINIMUM.required.every((id) => known.has(id)) && r.coverage.known >= VERDICT_MINIMUM.known;
        const expected = !enough
          ? "insufficient-answers"
          : r.score >= VERDICT_THRESHOLDS.needed
            ? "needed"
            : r.score >= VERDICT_THRESHOLDS.borderline
              ? "borderline"
              : "not-needed";
        expect(r.verdict).toBe(expected);
        expect(r.recommendation === null).toBe(!enough);
        expect(r.toVerdict.length === 0).toBe(enough);
        expect(new Set(r.factors.map((f) => f.id)).size).toBe(r.factors.length);
      }),
    );
  });

  it("lists as missing exactly the core questions with no answer and no snapshot stand-in", () => {
    fc.assert(
      fc.property(answersArb, factsArb, (answers, facts) => {
        const r = assessNeedKubernetes(answers, facts);
        const known = new Set(r.facts.map((f) => f.id));
        expect(r.missing).toEqual(coreQuestionIds.filter((id) => !known.has(id)));
        for (const f of r.facts) {
          if (f.source === "questionnaire") expect(answers[f.id]).toBe(f.value);
        }
        expect(r.caveats.some((c) => c.includes("unanswered"))).toBe(r.missing.length > 0);
      }),
    );
  });

  it("never lowers the score when a scale answer grows or goes from unanswered to answered", () => {
    fc.assert(
      fc.property(
        answersArb,
        factsArb,
        fc.constantFrom(...scaleIds),
        fc.nat({ max: 200 }),
        (answers, facts, id, delta) => {
          const before = answers[id];
          const q = getQuestion(id);
          const max = q?.type === "integer" ? q.max : 0;
          // From unanswered, a snapshot count may already stand in for the answer, so compare without one.
          const [after, comparableFacts] =
            typeof before === "number" ? [Math.min(before + delta, max), facts] : [delta, {}];
          const lower = assessNeedKubernetes(answers, comparableFacts);
          const higher = assessNeedKubernetes({ ...answers, [id]: after }, comparableFacts);
          expect(higher.score).toBeGreaterThanOrEqual(lower.score);
        },
      ),
    );
  });

  it("never lowers the score when a need turns from no or unanswered to yes", () => {
    fc.assert(
      fc.property(answersArb, factsArb, fc.constantFrom(...needIds), (answers, facts, id) => {
        const lower = assessNeedKubernetes({ ...answers, [id]: answers[id] === true ? true : false }, facts);
        const unanswered = assessNeedKubernetes({ ...answers, [id]: null }, facts);
        const higher = assessNeedKubernetes({ ...answers, [id]: true }, facts);
        expect(higher.score).toBeGreaterThanOrEqual(lower.score);
        expect(higher.score).toBeGreaterThanOrEqual(unanswered.score);
      }),
    );
  });

  it("never takes a verdict away when another core question is answered", () => {
    fc.assert(
      fc.property(
        answersArb,
        answersArb,
        factsArb,
        fc.constantFrom(...coreQuestionIds),
        (a, b, facts, id) => {
          const before = assessNeedKubernetes(a, facts);
          const after = assessNeedKubernetes({ ...a, [id]: a[id] ?? b[id] }, facts);
          if (before.verdict !== "insufficient-answers")
            expect(after.verdict).not.toBe("insufficient-answers");
          expect(after.coverage.known).toBeGreaterThanOrEqual(before.coverage.known);
        },
      ),
    );
  });

  it("never changes the score through team or hosting answers", () => {
    const costIds = [
      "platform_engineers",
      "kubernetes_experience",
      "networking_expertise",
      "managed_kubernetes_available",
      "stateful_workloads_in_cluster",
      "configuration_management",
    ];
    fc.assert(
      fc.property(answersArb, answersArb, factsArb, (a, b, facts) => {
        const mixed = { ...a, ...Object.fromEntries(costIds.map((id) => [id, b[id]])) };
        expect(assessNeedKubernetes(mixed, facts).score).toBe(assessNeedKubernetes(a, facts).score);
      }),
    );
  });
});
