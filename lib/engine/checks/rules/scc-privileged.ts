import { defineCheck } from "../define";

/** SecurityContextConstraints shipped with OpenShift carry release annotations. */
function isShipped(annotations: Record<string, string> | undefined): boolean {
  for (const k in annotations)
    if (k.startsWith("include.release.openshift.io/") || k === "release.openshift.io/create-only")
      return true;
  return false;
}

export const sccPrivileged = defineCheck({
  id: "scc-privileged",
  title: "SecurityContextConstraints do not allow privileged containers",
  category: "security",
  severity: "high",
  rationale:
    "On OpenShift, a SecurityContextConstraints object decides what pods of the users and service accounts " +
    "granted it may do; allowPrivilegedContainer: true lets them run privileged containers, which have " +
    "every capability and the node's devices. A custom SCC that allows it is usually a copy of the built-in " +
    "'privileged' SCC made to get one workload running, granted more widely than intended. As kube-linter's " +
    "scc-deny-privileged-container; the SCCs shipped with OpenShift (recognised by their release " +
    "annotations, not their names) are not judged.",
  remediation:
    "Set allowPrivilegedContainer: false and grant only the capabilities the workload needs " +
    "(allowedCapabilities), or use the built-in restricted-v2 SCC.",
  references: [
    "https://docs.openshift.com/container-platform/latest/authentication/managing-security-context-constraints.html",
  ],
  scope: { type: "kinds", kinds: ["SecurityContextConstraints"] },
  applies: (scc) => !isShipped(scc.metadata.annotations),
  run(scc, ctx) {
    const at = { path: "allowPrivilegedContainer" };
    if (scc.allowPrivilegedContainer === true) ctx.fail("allows privileged containers", at);
    else ctx.pass("does not allow privileged containers", at);
  },
});
