import { dig, num, strings } from "../../util";
import { containerSecurity, effectiveSecurity } from "../helpers";
import { defineCheck } from "../define";

export const securityContextConsistent = defineCheck({
  id: "security-context-consistent",
  title: "Security contexts do not contradict themselves",
  category: "reliability",
  severity: "high",
  rationale:
    "Some combinations cannot run. The API server rejects a container with allowPrivilegeEscalation: " +
    "false that is privileged or adds CAP_SYS_ADMIN (both imply escalation), so the manifest never applies; " +
    "spelled SYS_ADMIN it is accepted, but the capability escalates whatever the flag says; " +
    "the kubelet refuses to start a container with runAsNonRoot: true and runAsUser: 0 " +
    "(CreateContainerConfigError), so the rollout hangs. Such contradictions usually come from a hardening " +
    "default merged over a chart that needs privileges. The pod's runAsNonRoot and runAsUser apply where " +
    "the container sets none. kube-linter's privilege-escalation-container also counts privileged and " +
    "SYS_ADMIN as escalation; privilege-escalation and privileged-container report those separately.",
  remediation:
    "Decide what the container needs: drop privileged (and SYS_ADMIN) to keep allowPrivilegeEscalation: " +
    "false, and give a non-root container a non-zero runAsUser.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const sc = containerSecurity(c);
    const problems: string[] = [];
    let field: string | undefined;
    if (sc.allowPrivilegeEscalation === false) {
      if (sc.privileged === true) problems.push("privileged with allowPrivilegeEscalation: false (rejected)");
      const added = strings(dig(sc, "capabilities", "add"));
      // The API server rejects only the CAP_-prefixed spelling; both grant the capability.
      if (added.includes("CAP_SYS_ADMIN"))
        problems.push("adds CAP_SYS_ADMIN with allowPrivilegeEscalation: false (rejected)");
      else if (added.some((cap) => cap.toUpperCase().replace(/^CAP_/, "") === "SYS_ADMIN"))
        problems.push("adds SYS_ADMIN, which escalates whatever allowPrivilegeEscalation: false says");
      if (problems.length > 0) field = "securityContext.allowPrivilegeEscalation";
    }
    if (
      effectiveSecurity(c.workload, c, "runAsNonRoot") === true &&
      num(effectiveSecurity(c.workload, c, "runAsUser")) === 0
    ) {
      problems.push("runAsNonRoot with runAsUser 0 (the kubelet will not start it)");
      field ??= "securityContext.runAsUser";
    }
    if (problems.length > 0) ctx.fail(problems.join("; "), { field });
    else ctx.pass("consistent security context");
  },
});
