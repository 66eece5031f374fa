import { dig, str } from "../../util";
import { defineCheck } from "../define";

export const pdbUnhealthyEvictionPolicy = defineCheck({
  id: "pdb-unhealthy-eviction-policy",
  title: "PodDisruptionBudgets let unhealthy pods be evicted",
  category: "reliability",
  severity: "low",
  rationale:
    "By default (IfHealthyBudget) a pod that runs but is not Ready, such as one stuck in a crash loop, may " +
    "only be evicted while the budget is met. When the workload is already degraded the budget is not met, " +
    "so a node drain waits forever on the very pods that are broken, and cluster upgrades or the autoscaler " +
    "stall. unhealthyPodEvictionPolicy: AlwaysAllow lets such pods go (stable since Kubernetes 1.31). As " +
    "kube-linter's pdb-unhealthy-pod-eviction-policy, an explicit IfHealthyBudget passes too: it is a " +
    "deliberate choice for applications that must not lose a pod that is still starting up. The field " +
    "exists only in policy/v1, so older budgets are skipped (deprecated-api-version reports them).",
  remediation: "Set spec.unhealthyPodEvictionPolicy: AlwaysAllow on the budget.",
  references: [
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy",
  ],
  scope: { type: "kinds", kinds: ["PodDisruptionBudget"] },
  applies: (pdb) => pdb.apiVersion === "policy/v1" || "the field exists only in policy/v1",
  run(pdb, ctx) {
    const policy = str(dig(pdb, "spec", "unhealthyPodEvictionPolicy"));
    const at = { path: "spec.unhealthyPodEvictionPolicy" };
    if (policy === "AlwaysAllow") ctx.pass("unhealthy pods may always be evicted", at);
    else if (policy === "IfHealthyBudget") ctx.pass("IfHealthyBudget, set explicitly", at);
    else if (policy === undefined)
      ctx.fail("no unhealthyPodEvictionPolicy: broken pods block drains while the budget is not met", at);
    else ctx.fail(`unknown unhealthyPodEvictionPolicy ${policy}`, at);
  },
});
