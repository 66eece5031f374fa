import { rec, str } from "../../util";
import { perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

const LEGACY_POD = "seccomp.security.alpha.kubernetes.io/pod";
const LEGACY_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";

export const seccompProfile: Check = {
  id: "seccomp-profile",
  title: "Containers run with the RuntimeDefault (or a Localhost) seccomp profile",
  category: "security",
  severity: "medium",
  rationale:
    "Without a seccomp profile a container may call every system call the kernel offers, including the " +
    "rarely needed ones most container escapes go through. Kubernetes still defaults to Unconfined unless " +
    "the kubelet's SeccompDefault feature is on, which a snapshot cannot see; the restricted Pod Security " +
    "Standard requires an explicit profile.",
  remediation:
    "Set securityContext.seccompProfile.type: RuntimeDefault on the pod (or Localhost with a reviewed " +
    "profile); never Unconfined.",
  references: [
    "https://kubernetes.io/docs/tutorials/security/seccomp/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
  ],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (w, c) => {
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
      if (type === "RuntimeDefault" || type === "Localhost") return { pass: `seccomp profile ${type}` };
      return type === undefined
        ? { fail: "no seccomp profile (Unconfined unless the kubelet defaults it)", field: "securityContext" }
        : { fail: `seccomp profile ${type}`, field: "securityContext.seccompProfile" };
    }),
};
