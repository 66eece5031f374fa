import { z } from "zod";
import { isReplicated } from "../workloads";
import { defineCheck, param } from "../define";

const AT_REPLICAS = { path: "spec.replicas" };

export const singleReplica = defineCheck({
  id: "single-replica",
  title: "Replicated workloads run more than one replica",
  category: "reliability",
  severity: "high",
  rationale:
    "A single replica goes down on every node drain, upgrade, eviction or crash. High availability and " +
    "zero-downtime rollouts need at least two replicas spread over nodes. When an HorizontalPodAutoscaler " +
    "scales the workload its minReplicas is the count judged (it overrides spec.replicas), as in every " +
    "check that reasons about replicas. Replicated workloads are recognised by shape: Deployments, " +
    "StatefulSets, ReplicaSets and ReplicationControllers not represented by their owner, OpenShift " +
    "DeploymentConfigs, Argo Rollouts and any custom resource with a pod template and spec.replicas; the " +
    "result names the kind. The minimum is a parameter (minReplicas, default 2).",
  remediation:
    "Set spec.replicas ≥ 2 (or an HorizontalPodAutoscaler with minReplicas ≥ 2) and spread replicas with " +
    "topologySpreadConstraints or pod anti-affinity.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"],
  params: {
    minReplicas: param(
      z.number().int().min(1),
      2,
      "Fewest replicas a replicated workload may run (kube-linter's convention is 3).",
    ),
  },
  scope: { type: "workload" },
  applies: (w) => isReplicated(w),
  run(w, ctx) {
    const replicas = ctx.replicaFloor(w) ?? 1;
    const source = ctx.autoscalerOf(w) && w.replicas !== 0 ? "HPA minReplicas" : "replicas";
    const min = ctx.params.minReplicas;
    if (replicas === 0) ctx.skip("scaled to zero", AT_REPLICAS);
    else if (replicas < 2 && replicas < min) ctx.fail(`${source} ${replicas}: no redundancy`, AT_REPLICAS);
    else if (replicas < min) ctx.fail(`${source} ${replicas}: fewer than ${min}`, AT_REPLICAS);
    else ctx.pass(`${source} ${replicas}`, AT_REPLICAS);
  },
});
