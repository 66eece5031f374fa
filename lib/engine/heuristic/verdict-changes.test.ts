import { describe, expect, it } from "vitest";
import { assessNeedKubernetes } from "./need-kubernetes";
import { verdictChanges } from "./verdict-changes";

// A small team below the rule of thumb: "not needed" today (39/100).
const smallTeam = {
  production_hosts: 6,
  services: 8,
  services_multi_host: 2,
  containerized: "all",
  deploys_per_week: 10,
  needs_zero_downtime_deploys: true,
  needs_autoscaling: false,
  needs_high_availability: true,
  needs_preview_environments: false,
  needs_scheduled_jobs: false,
  needs_portability: false,
  platform_engineers: 2,
  kubernetes_experience: "some",
  managed_kubernetes_available: true,
} as const;

describe("verdictChanges", () => {
  it("gives nothing while there is no verdict yet", () => {
    expect(verdictChanges({})).toEqual([]);
    expect(verdictChanges({ production_hosts: 40 })).toEqual([]);
  });

  it("every suggested change really gives the outcome it states, by the heuristic itself", () => {
    const changes = verdictChanges(smallTeam);
    expect(changes.length).toBeGreaterThan(0);
    const today = assessNeedKubernetes(smallTeam);
    for (const change of changes) {
      const changed: Record<string, unknown> = { ...smallTeam };
      for (const c of change.changes) changed[c.questionId] = c.to;
      const result = assessNeedKubernetes(changed as typeof smallTeam);
      expect(result.verdict).toBe(change.verdict);
      expect(result.recommendation).toBe(change.recommendation);
      expect(result.score).toBe(change.score);
      expect(`${result.verdict}|${result.recommendation}`).not.toBe(
        `${today.verdict}|${today.recommendation}`,
      );
    }
  });

  it("finds the one answer that moves a not-needed verdict to borderline", () => {
    expect(assessNeedKubernetes(smallTeam).verdict).toBe("not-needed");
    const borderline = verdictChanges(smallTeam).filter((c) => c.verdict === "borderline");
    expect(borderline[0]?.changes).toHaveLength(1);
    expect(borderline[0]?.summary).toMatch(
      /^"yes" to ".*autoscaling\?" \(now "no"\): borderline \(48\/100\)/,
    );
  });

  it("reaches a verdict two steps away with the smallest pair of count changes, and says so in numbers", () => {
    const needed = verdictChanges(smallTeam).find((c) => c.verdict === "needed");
    expect(needed?.changes.map((c) => c.questionId).sort()).toEqual([
      "production_hosts",
      "services_multi_host",
    ]);
    expect(needed?.summary).toContain("24 more production hosts (30 instead of 6)");
    expect(needed?.summary).toContain("3 more services on several hosts (5 instead of 2)");
    expect(needed?.summary).toMatch(/needed \(67\/100\) — Managed Kubernetes\.$/);
  });

  it("names the smallest count: the first band step, not any larger number", () => {
    const answers = { ...smallTeam, production_hosts: 8, services_multi_host: 5, needs_autoscaling: true };
    expect(assessNeedKubernetes(answers).verdict).toBe("borderline");
    const hosts = verdictChanges(answers).find(
      (c) =>
        c.changes.length === 1 && c.changes[0]!.questionId === "production_hosts" && c.verdict === "needed",
    );
    expect(hosts?.changes[0]).toMatchObject({ from: 8, to: 10 });
    expect(hosts?.summary).toMatch(/^2 more production hosts \(10 instead of 8\): needed/);
  });

  it("lists fewer hosts too when fewer would lower the verdict", () => {
    const answers = {
      ...smallTeam,
      production_hosts: 10,
      services_multi_host: 5,
      needs_zero_downtime_deploys: false,
      needs_high_availability: false,
    };
    expect(assessNeedKubernetes(answers).verdict).toBe("borderline");
    const down = verdictChanges(answers).find(
      (c) => c.changes.length === 1 && c.changes[0]!.questionId === "production_hosts",
    );
    expect(down?.changes[0]).toMatchObject({ from: 10, to: 9 });
    expect(down?.summary).toMatch(/^1 fewer production host \(9 instead of 10\)/);
  });

  it("includes a recommendation change at the same verdict (managed Kubernetes not available)", () => {
    const answers = { ...smallTeam, production_hosts: 40, services_multi_host: 8, needs_autoscaling: true };
    expect(assessNeedKubernetes(answers)).toMatchObject({
      verdict: "needed",
      recommendation: "managed-kubernetes",
    });
    const selfManaged = verdictChanges(answers).find((c) => c.recommendation === "self-managed-kubernetes");
    expect(selfManaged?.verdict).toBe("needed");
    expect(selfManaged?.changes).toEqual([
      expect.objectContaining({ questionId: "managed_kubernetes_available", from: true, to: false }),
    ]);
  });

  it("uses a snapshot's counts as today's values when the questions are unanswered", () => {
    const { production_hosts: _h, services: _s, ...rest } = smallTeam;
    const withSnapshot = verdictChanges(rest, { nodeCount: 6, workloadCount: 8 });
    const plain = verdictChanges(smallTeam);
    expect(withSnapshot.map((c) => `${c.verdict}|${c.recommendation}`)).toEqual(
      plain.map((c) => `${c.verdict}|${c.recommendation}`),
    );
  });
});
