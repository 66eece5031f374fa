import { dig, str } from "../../util";
import { perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";
import type { ContainerInfo, Workload } from "../workloads";

const LEGACY_POD = "seccomp.security.alpha.kubernetes.io/pod";
const LEGACY_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";

/** The profile in force: the container's, else the pod's, else the one of the legacy annotations. */
function profileType(w: Workload, c: ContainerInfo): string | undefined {
  const own = str(dig(c.spec, "securityContext", "seccompProfile", "type"));
  if (own !== undefined) return own;
  const pod = str(dig(w.podSpec, "securityContext", "seccompProfile", "type"));
  if (pod !== undefined) return pod;
  // Looked up only now: most containers have a profile, and the key is built for each container.
  const legacy = w.podAnnotations[`${LEGACY_CONTAINER}${c.name}`] ?? w.podAnnotations[LEGACY_POD];
  if (legacy === undefined) return undefined;
  if (legacy === "unconfined") return "Unconfined";
  return legacy.startsWith("localhost/") ? "Localhost" : "RuntimeDefault";
}

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
      const type = profileType(w, c);
      if (type === "RuntimeDefault" || type === "Localhost") return { pass: `seccomp profile ${type}` };
      return type === undefined
        ? { fail: "no seccomp profile (Unconfined unless the kubelet defaults it)", field: "securityContext" }
        : { fail: `seccomp profile ${type}`, field: "securityContext.seccompProfile" };
    }),
};
