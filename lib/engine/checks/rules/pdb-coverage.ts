import { dig } from "../../util";
import { describe, toSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf, type Workload } from "../workloads";
import { outcome } from "../outcome";

export const pdbCoverage: Check = {
  id: "pdb-coverage",
  title: "Replicated workloads are covered by a PodDisruptionBudget",
  category: "reliability",
  severity: "medium",
  rationale:
    "Node drains during upgrades and autoscaler scale-downs evict pods without regard for the service " +
    "unless a PodDisruptionBudget limits how many may go at once; all replicas can be evicted together. " +
    "Workloads with fewer than two replicas are left to single-replica; the replica count is the HPA's " +
    "minReplicas when an HPA scales the workload.",
  remediation:
    "Create a PodDisruptionBudget selecting the workload's pods with maxUnavailable: 1 (or a minAvailable " +
    "below the replica count, so drains can still proceed).",
  references: ["https://kubernetes.io/docs/tasks/run-application/configure-pdb/"],
  evaluate(ctx) {
    const covered = new Map<Workload, string>();
    for (const pdb of ctx.ofKind("PodDisruptionBudget")) {
      const selector = toSelector(dig(pdb, "spec", "selector"));
      if (!selector) continue;
      for (const w of ctx.selectPodTemplates(pdb.metadata.namespace, selector)) {
        if (!covered.has(w)) covered.set(w, describe(pdb));
      }
    }
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const object = refOf(w.object);
      if ((ctx.replicaFloor(w) ?? 1) < 2) {
        out.push(outcome("skip", "fewer than two replicas (see single-replica)", object));
        continue;
      }
      const pdb = covered.get(w);
      out.push(
        pdb
          ? outcome("pass", `covered by ${pdb}`, object)
          : outcome("fail", "no PodDisruptionBudget selects these pods", object),
      );
    }
    return out;
  },
};
