import { containerSecurity } from "../helpers";
import { defineCheck } from "../define";

export const privilegedContainer = defineCheck({
  id: "privileged-container",
  title: "Containers are not privileged",
  category: "security",
  severity: "critical",
  rationale:
    "A privileged container has every capability and access to all host devices; compromising it means " +
    "compromising the node and everything scheduled on it. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation:
    "Remove securityContext.privileged; grant the specific capability the workload needs instead, or move " +
    "node-level tasks into a dedicated, audited DaemonSet.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    if (containerSecurity(c).privileged === true)
      ctx.fail("container runs privileged", { field: "securityContext.privileged" });
    else ctx.pass("not privileged");
  },
});
