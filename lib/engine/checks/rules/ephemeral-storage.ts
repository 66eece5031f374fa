import { perContainer, resources, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const ephemeralStorage: Check = {
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
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      resources(c, "limits")["ephemeral-storage"] !== undefined
        ? { pass: "ephemeral-storage limit set" }
        : { fail: "no ephemeral-storage limit", field: "resources.limits" },
    ),
};
