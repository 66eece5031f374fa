import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_REPLICAS = { path: "spec.replicas" };

export const singleReplica: Check = {
  id: "single-replica",
  title: "Deployments and StatefulSets run more than one replica",
  category: "reliability",
  severity: "high",
  rationale:
    "A single replica goes down on every node drain, upgrade, eviction or crash. High availability and " +
    "zero-downtime rollouts need at least two replicas spread over nodes. When an HorizontalPodAutoscaler " +
    "scales the workload its minReplicas is the count judged (it overrides spec.replicas), as in every " +
    "check that reasons about replicas.",
  remediation:
    "Set spec.replicas ≥ 2 (or an HorizontalPodAutoscaler with minReplicas ≥ 2) and spread replicas with " +
    "topologySpreadConstraints or pod anti-affinity.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const object = refOf(w.object, AT_REPLICAS);
      const replicas = ctx.replicaFloor(w) ?? 1;
      const source = ctx.autoscalerOf(w) && w.replicas !== 0 ? "HPA minReplicas" : "replicas";
      if (replicas === 0) {
        out.push(outcome("skip", "scaled to zero", object));
      } else if (replicas < 2) {
        out.push(outcome("fail", `${source} ${replicas}: no redundancy`, object));
      } else {
        out.push(outcome("pass", `${source} ${replicas}`, object));
      }
    }
    return out;
  },
};
