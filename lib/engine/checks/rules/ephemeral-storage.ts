import { resources } from "../helpers";
import { defineCheck } from "../define";

export const ephemeralStorage = defineCheck({
  id: "ephemeral-storage",
  title: "Containers limit their ephemeral storage",
  category: "efficiency",
  severity: "low",
  rationale:
    "Logs, caches and temp files written to the container's writable layer or emptyDir share the node's " +
    "disk; one container filling it puts the node under DiskPressure and gets every pod on it evicted.",
  remediation:
    "Set resources.requests and resources.limits for ephemeral-storage (and sizeLimit on emptyDir).",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage",
  ],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    if (resources(c, "limits")["ephemeral-storage"] !== undefined) ctx.pass("ephemeral-storage limit set");
    else ctx.fail("no ephemeral-storage limit", { field: "resources.limits" });
  },
});
