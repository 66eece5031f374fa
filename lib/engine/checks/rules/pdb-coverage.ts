import { dig } from "../../util";
import { describe, toSelector } from "../helpers";
import { isReplicated, type Workload } from "../workloads";
import { defineCheck } from "../define";

export const pdbCoverage = defineCheck({
  id: "pdb-coverage",
  title: "Replicated workloads are covered by a PodDisruptionBudget",
  category: "reliability",
  severity: "medium",
  rationale:
    "Node drains during upgrades and autoscaler scale-downs evict pods without regard for the service " +
    "unless a PodDisruptionBudget limits how many may go at once; all replicas can be evicted together. " +
    "Workloads with fewer than two replicas are left to single-replica; the replica count is the HPA's " +
    "minReplicas when an HPA scales the workload. Replicated workloads are recognised by shape, as in " +
    "single-replica.",
  remediation:
    "Create a PodDisruptionBudget selecting the workload's pods with maxUnavailable: 1 (or a minAvailable " +
    "below the replica count, so drains can still proceed).",
  references: ["https://kubernetes.io/docs/tasks/run-application/configure-pdb/"],
  scope: { type: "workload" },
  prepare(ctx) {
    const covered = new Map<Workload, string>();
    for (const pdb of ctx.ofKind("PodDisruptionBudget")) {
      const selector = toSelector(dig(pdb, "spec", "selector"));
      if (!selector) continue;
      for (const w of ctx.selectPodTemplates(pdb.metadata.namespace, selector)) {
        if (!covered.has(w)) covered.set(w, describe(pdb));
      }
    }
    return covered;
  },
  applies: (w, ctx) =>
    !isReplicated(w)
      ? false
      : (ctx.replicaFloor(w) ?? 1) < 2
        ? "fewer than two replicas (see single-replica)"
        : true,
  run(w, ctx) {
    const pdb = ctx.prepared.get(w);
    if (pdb) ctx.pass(`covered by ${pdb}`);
    else ctx.fail("no PodDisruptionBudget selects these pods");
  },
});
