import { rec, str } from "../../util";
import { defineCheck } from "../define";

const LEGACY_POD = "seccomp.security.alpha.kubernetes.io/pod";
const LEGACY_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";

export const seccompProfile = defineCheck({
  id: "seccomp-profile",
  title: "Containers run with the RuntimeDefault (or a Localhost) seccomp profile",
  category: "security",
  severity: "medium",
  rationale:
    "Without a seccomp profile a container may call every system call the kernel offers, including the " +
    "rarely needed ones most container escapes go through. Kubernetes still defaults to Unconfined unless " +
    "the kubelet's SeccompDefault feature is on, which a snapshot cannot see; the restricted Pod Security " +
    "Standard requires an explicit profile. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation:
    "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed " +
    "profile); never Unconfined.",
  references: [
    "https://kubernetes.io/docs/tutorials/security/seccomp/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
  ],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const w = c.workload;
    const own = str(rec(rec(c.spec.securityContext)?.seccompProfile)?.type);
    const pod = str(rec(rec(w.podSpec.securityContext)?.seccompProfile)?.type);
    const legacy = w.podAnnotations[`${LEGACY_CONTAINER}${c.name}`] ?? w.podAnnotations[LEGACY_POD];
    const type =
      own ??
      pod ??
      (legacy === undefined
        ? undefined
        : legacy === "unconfined"
          ? "Unconfined"
          : legacy.startsWith("localhost/")
            ? "Localhost"
            : "RuntimeDefault");
    if (type === "RuntimeDefault" || type === "Localhost") return ctx.pass(`seccomp profile ${type}`);
    if (type === undefined)
      ctx.fail("no seccomp profile (Unconfined unless the kubelet defaults it)", {
        field: "securityContext",
      });
    else ctx.fail(`seccomp profile ${type}`, { field: "securityContext.seccompProfile" });
  },
});
