import { missingCpuOrMemory, resources } from "../helpers";
import { defineCheck } from "../define";

export const resourceRequests = defineCheck({
  id: "resource-requests",
  title: "Containers request CPU and memory",
  category: "efficiency",
  severity: "medium",
  rationale:
    "The scheduler places pods by their requests. Without them, pods land on nodes that cannot hold them, " +
    "get the lowest eviction priority (BestEffort), and capacity planning has nothing to add up.",
  remediation: "Set resources.requests.cpu and resources.requests.memory from observed usage (e.g. p95).",
  references: ["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const req = resources(c, "requests");
    const lim = resources(c, "limits");
    // A limit without a request defaults the request to the limit.
    const missing = missingCpuOrMemory(
      req.cpu === undefined && lim.cpu === undefined,
      req.memory === undefined && lim.memory === undefined,
    );
    if (missing) ctx.fail(`no ${missing} request`, { field: "resources.requests" });
    else ctx.pass("cpu and memory requested");
  },
});
