import { containerSecurity } from "../helpers";
import { defineCheck } from "../define";

export const privilegeEscalation = defineCheck({
  id: "privilege-escalation",
  title: "Containers disallow privilege escalation",
  category: "security",
  severity: "high",
  rationale:
    "Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent " +
    "(setuid binaries, file capabilities), which is the first step of many container escapes. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    if (containerSecurity(c).allowPrivilegeEscalation === false)
      ctx.pass("allowPrivilegeEscalation is false");
    else
      ctx.fail("allowPrivilegeEscalation is not set to false", {
        field: "securityContext.allowPrivilegeEscalation",
      });
  },
});
