import { resources } from "../helpers";
import { defineCheck } from "../define";

export const resourceRequests = defineCheck({
  id: "resource-requests",
  title: "Containers request CPU and memory",
  category: "efficiency",
  severity: "medium",
  rationale:
    "The scheduler places pods by their requests. Without them, pods land on nodes that cannot hold them, " +
    "get the lowest eviction priority (BestEffort), and capacity planning has nothing to add up. CPU and " +
    "memory are judged as two concerns, each with its own result.",
  remediation: "Set resources.requests.cpu and resources.requests.memory from observed usage (e.g. p95).",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  scope: { type: "container", containers: "runtime" },
  concerns: ["cpu", "memory"],
  run(c, ctx) {
    const req = resources(c, "requests");
    const lim = resources(c, "limits");
    for (const concern of ["cpu", "memory"] as const) {
      // A limit without a request defaults the request to the limit.
      if (req[concern] === undefined && lim[concern] === undefined)
        ctx.fail(`no ${concern} request`, { field: "resources.requests", concern });
      else ctx.pass(`${concern} requested`, { concern });
    }
  },
});
