import { missingCpuOrMemory, resources } from "../helpers";
import { defineCheck } from "../define";

export const resourceLimits = defineCheck({
  id: "resource-limits",
  title: "Containers set CPU and memory limits",
  category: "efficiency",
  severity: "medium",
  rationale:
    "A container without limits can take a node's whole memory or CPU; one runaway process then starves " +
    "or gets its neighbours OOM-killed, including production services that happen to share the node.",
  remediation:
    "Set resources.limits.memory (at or slightly above the request) and resources.limits.cpu, or enforce " +
    "defaults per namespace with a LimitRange.",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const lim = resources(c, "limits");
    const missing = missingCpuOrMemory(lim.cpu === undefined, lim.memory === undefined);
    if (missing) ctx.fail(`no ${missing} limit`, { field: "resources.limits" });
    else ctx.pass("cpu and memory limited");
  },
});
