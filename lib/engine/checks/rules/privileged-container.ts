import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const privilegedContainer: Check = {
  id: "privileged-container",
  title: "Containers are not privileged",
  category: "security",
  severity: "critical",
  rationale:
    "A privileged container has every capability and access to all host devices; compromising it means " +
    "compromising the node and everything scheduled on it.",
  remediation:
    "Remove securityContext.privileged; grant the specific capability the workload needs instead, or move " +
    "node-level tasks into a dedicated, audited DaemonSet.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      containerSecurity(c).privileged === true
        ? { fail: "container runs privileged", field: "securityContext.privileged" }
        : { pass: "not privileged" },
    ),
};
