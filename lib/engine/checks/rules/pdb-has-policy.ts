import { dig } from "../../util";
import { defineCheck } from "../define";

export const pdbHasPolicy = defineCheck({
  id: "pdb-has-policy",
  title: "PodDisruptionBudgets state exactly one of minAvailable and maxUnavailable",
  category: "reliability",
  severity: "medium",
  rationale:
    "A budget is its policy: with neither minAvailable nor maxUnavailable, what it protects depends on the " +
    "API version's defaulting (policy/v1beta1 filled in minAvailable: 1, policy/v1 does not), so the same " +
    "manifest means different things on different clusters and reviewers cannot tell what was intended. " +
    "Setting both is rejected by the API server, so the budget never applies. As kube-score's " +
    "poddisruptionbudget-has-policy; whether the policy still allows evictions is pdb-blocks-eviction's " +
    "concern.",
  remediation:
    "Set maxUnavailable: 1 (or a percentage) for stateless workloads, or minAvailable for quorum-based " +
    "ones, and only one of the two.",
  references: [
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget",
  ],
  scope: { type: "kinds", kinds: ["PodDisruptionBudget"] },
  run(pdb, ctx) {
    const min = dig(pdb, "spec", "minAvailable");
    const max = dig(pdb, "spec", "maxUnavailable");
    if (min !== undefined && max !== undefined)
      ctx.fail("sets both minAvailable and maxUnavailable (rejected)", { path: "spec" });
    else if (min === undefined && max === undefined)
      ctx.fail("sets neither minAvailable nor maxUnavailable", { path: "spec" });
    else
      ctx.pass(
        min !== undefined ? `minAvailable ${JSON.stringify(min)}` : `maxUnavailable ${JSON.stringify(max)}`,
        {
          path: min !== undefined ? "spec.minAvailable" : "spec.maxUnavailable",
        },
      );
  },
});
