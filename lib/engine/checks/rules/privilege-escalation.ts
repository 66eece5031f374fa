import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const privilegeEscalation: Check = {
  id: "privilege-escalation",
  title: "Containers disallow privilege escalation",
  category: "security",
  severity: "high",
  rationale:
    "Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent " +
    "(setuid binaries, file capabilities), which is the first step of many container escapes.",
  remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      containerSecurity(c).allowPrivilegeEscalation === false
        ? { pass: "allowPrivilegeEscalation is false" }
        : {
            fail: "allowPrivilegeEscalation is not set to false",
            field: "securityContext.allowPrivilegeEscalation",
          },
    ),
};
