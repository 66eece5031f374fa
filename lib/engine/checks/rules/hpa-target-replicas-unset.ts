import { dig, num } from "../../util";
import type { K8sObject } from "../../types";
import { isReplicated } from "../workloads";
import { defineCheck } from "../define";

/** Read back from an API server: spec.replicas is then always filled in, whoever set it. */
function isLiveObject(obj: K8sObject): boolean {
  return (
    obj.status !== undefined ||
    obj.metadata.resourceVersion !== undefined ||
    obj.metadata.managedFields !== undefined
  );
}

export const hpaTargetReplicasUnset = defineCheck({
  id: "hpa-target-replicas-unset",
  title: "Workloads scaled by an HPA leave spec.replicas unset",
  category: "reliability",
  severity: "medium",
  rationale:
    "When an HPA scales a workload, spec.replicas belongs to the autoscaler. A manifest that still sets it " +
    "resets the count on every kubectl apply, helm upgrade or GitOps sync: a Deployment scaled out to 12 " +
    "under load drops back to the 2 of the manifest and the autoscaler needs minutes to climb again, " +
    "exactly during a release. As kube-score's " +
    "deployment-targeted-by-hpa-does-not-have-replicas-configured, for every replicated kind the HPA " +
    "targets (StatefulSets, Rollouts… too). Objects read back from a cluster always carry spec.replicas, so " +
    "they are skipped; a workload scaled to zero (the HPA is then idle) is not judged.",
  remediation:
    "Remove spec.replicas from the manifest (or the chart's template when autoscaling is on) and let the " +
    "HPA's minReplicas set the floor.",
  references: [
    "https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling",
  ],
  scope: { type: "workload" },
  applies(w, ctx) {
    if (!isReplicated(w) || !ctx.autoscalerOf(w)) return false;
    if (isLiveObject(w.object)) return "read back from a cluster: spec.replicas is always set there";
    return true;
  },
  run(w, ctx) {
    const hpa = ctx.autoscalerOf(w)?.hpa.metadata.name ?? "?";
    const replicas = num(dig(w.object, "spec", "replicas"));
    const at = { path: "spec.replicas" };
    if (replicas === undefined) ctx.pass(`replicas left to HorizontalPodAutoscaler ${hpa}`, at);
    else if (replicas === 0) ctx.skip("scaled to zero: the autoscaler is idle", at);
    else
      ctx.fail(
        `sets spec.replicas ${replicas} although HorizontalPodAutoscaler ${hpa} scales it: every apply resets the count`,
        at,
      );
  },
});
