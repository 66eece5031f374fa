import { dig } from "../../util";
import type { K8sObject } from "../../types";
import { toSelector } from "../helpers";
import type { CheckContext } from "../types";
import { defineCheck } from "../define";

function percent(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^(\d+)%$/.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

/**
 * Pods the budget expects: the replicas of the controllers it selects, each at its floor (the HPA's
 * minReplicas when one scales it), and whether an HPA set any of them.
 */
function expectedPods(
  ctx: CheckContext,
  pdb: K8sObject,
  deduplicated: ReadonlySet<unknown>,
): { count: number; hpa: boolean } {
  const selector = toSelector(dig(pdb, "spec", "selector"));
  let count = 0;
  let hpa = false;
  if (!selector) return { count, hpa };
  for (const w of ctx.selectPodTemplates(pdb.metadata.namespace, selector)) {
    if (!deduplicated.has(w) || w.replicas === undefined) continue;
    count += ctx.replicaFloor(w) ?? 0;
    if (w.replicas !== 0 && ctx.autoscalerOf(w)) hpa = true;
  }
  return { count, hpa };
}

export const pdbBlocksEviction = defineCheck({
  id: "pdb-blocks-eviction",
  title: "PodDisruptionBudgets allow at least one eviction",
  category: "reliability",
  severity: "high",
  rationale:
    "A budget with maxUnavailable 0, or minAvailable equal to the replica count, never lets a pod go: node " +
    "drains hang, cluster upgrades stall and the autoscaler cannot remove nodes. The disruption controller " +
    "rounds a minAvailable percentage up, so 100% or more always blocks, and e.g. 90% blocks for up to 9 " +
    "replicas (ceil(0.9 × 3) = 3); the replica count is the HPA's minReplicas when an HPA scales the " +
    "workload, since the budget must still allow evictions at that floor. Polaris only checks that a PDB " +
    "exists; this checks that it can be satisfied.",
  remediation: "Use maxUnavailable: 1 (or a percentage), or a minAvailable strictly below the replica count.",
  references: [
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages",
  ],
  scope: { type: "kinds", kinds: ["PodDisruptionBudget"] },
  prepare: (ctx) => new Set<unknown>(ctx.workloads),
  run(pdb, ctx) {
    const maxUn = dig(pdb, "spec", "maxUnavailable");
    const minAv = dig(pdb, "spec", "minAvailable");
    let problem: string | undefined;
    let path = "spec";
    if (maxUn !== undefined) {
      path = "spec.maxUnavailable";
      // A positive percentage rounds up to at least one pod.
      if (maxUn === 0 || percent(maxUn) === 0) problem = "maxUnavailable 0 blocks every eviction";
    } else if (minAv !== undefined) {
      path = "spec.minAvailable";
      const pct = percent(minAv);
      if (pct !== undefined && pct >= 100) problem = `minAvailable ${pct}% blocks every eviction`;
      else if (typeof minAv === "number" || pct !== undefined) {
        const { count, hpa } = expectedPods(ctx, pdb, ctx.prepared);
        const required = pct !== undefined ? Math.ceil((pct * count) / 100) : (minAv as number);
        if (count > 0 && required >= count) {
          const what = pct !== undefined ? `${pct}% (${required} pod(s))` : `${required}`;
          problem = `minAvailable ${what} with ${count} ${hpa ? "replica(s) at the HPA floor" : "replica(s)"} blocks every eviction`;
        }
      }
    }
    if (problem) ctx.fail(problem, { path });
    else ctx.pass("allows evictions", { path });
  },
});
