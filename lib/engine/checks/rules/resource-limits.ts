import { resources } from "../helpers";
import { defineCheck } from "../define";

export const resourceLimits = defineCheck({
  id: "resource-limits",
  title: "Containers set CPU and memory limits",
  category: "efficiency",
  severity: "medium",
  rationale:
    "A container without limits can take a node's whole memory or CPU; one runaway process then starves " +
    "or gets its neighbours OOM-killed, including production services that happen to share the node. CPU " +
    "and memory are judged as two concerns, each with its own result, so that a deliberate choice (no CPU " +
    "limit, to avoid throttling) can be exempted without hiding a missing memory limit.",
  remediation:
    "Set resources.limits.memory (at or slightly above the request) and resources.limits.cpu, or enforce " +
    "defaults per namespace with a LimitRange.",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  scope: { type: "container", containers: "runtime" },
  concerns: ["cpu", "memory"],
  run(c, ctx) {
    const lim = resources(c, "limits");
    for (const concern of ["cpu", "memory"] as const) {
      if (lim[concern] === undefined) ctx.fail(`no ${concern} limit`, { field: "resources.limits", concern });
      else ctx.pass(`${concern} limited`, { concern });
    }
  },
});
