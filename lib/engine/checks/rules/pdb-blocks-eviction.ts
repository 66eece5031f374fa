import { dig } from "../../util";
import { toSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

function percent(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^(\d+)%$/.exec(v.trim());
  return m ? Number(m[1]) : undefined;
}

export const pdbBlocksEviction: Check = {
  id: "pdb-blocks-eviction",
  title: "PodDisruptionBudgets allow at least one eviction",
  category: "reliability",
  severity: "high",
  rationale:
    "A budget with maxUnavailable 0, or minAvailable equal to the replica count, never lets a pod go: node " +
    "drains hang, cluster upgrades stall and the autoscaler cannot remove nodes. Polaris only checks that a " +
    "PDB exists; this checks that it can be satisfied.",
  remediation: "Use maxUnavailable: 1 (or a percentage), or a minAvailable strictly below the replica count.",
  references: [
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions",
  ],
  evaluate(ctx) {
    const deduplicated = new Set(ctx.workloads);
    const out: Outcome[] = [];
    for (const pdb of ctx.ofKind("PodDisruptionBudget")) {
      const maxUn = dig(pdb, "spec", "maxUnavailable");
      const minAv = dig(pdb, "spec", "minAvailable");
      let problem: string | undefined;
      let path = "spec";
      if (maxUn !== undefined) {
        path = "spec.maxUnavailable";
        if (maxUn === 0 || percent(maxUn) === 0) problem = "maxUnavailable 0 blocks every eviction";
      } else if (minAv !== undefined) {
        path = "spec.minAvailable";
        if (percent(minAv) === 100) problem = "minAvailable 100% blocks every eviction";
        else if (typeof minAv === "number") {
          const selector = toSelector(dig(pdb, "spec", "selector"));
          const replicas = selector
            ? ctx
                .selectPodTemplates(pdb.metadata.namespace, selector)
                .filter((w) => deduplicated.has(w) && w.replicas !== undefined)
                .reduce((s, w) => s + (w.replicas ?? 0), 0)
            : 0;
          if (replicas > 0 && minAv >= replicas)
            problem = `minAvailable ${minAv} with ${replicas} replica(s) blocks every eviction`;
        }
      }
      const object = refOf(pdb, { path });
      out.push(problem ? outcome("fail", problem, object) : outcome("pass", "allows evictions", object));
    }
    return out;
  },
};
