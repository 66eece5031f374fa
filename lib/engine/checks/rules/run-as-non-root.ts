import { effectiveSecurity, perContainer, runtimeContainers } from "../helpers";
import { num } from "../../util";
import type { Check } from "../types";

export const runAsNonRoot: Check = {
  id: "run-as-non-root",
  title: "Containers run as a non-root user",
  category: "security",
  severity: "high",
  rationale:
    "A process running as root inside the container is root on the host as soon as it escapes the " +
    "container through a kernel or runtime vulnerability, and can write anywhere a volume is mounted.",
  remediation:
    "Set securityContext.runAsNonRoot: true and a non-zero runAsUser (pod or container level), and build " +
    "images with a USER instruction.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (w, c) => {
      const user = num(effectiveSecurity(w, c, "runAsUser"));
      if (user === 0) return { fail: "runAsUser is 0 (root)", field: "securityContext.runAsUser" };
      if (effectiveSecurity(w, c, "runAsNonRoot") === true) return { pass: "runAsNonRoot enforced" };
      if (user !== undefined) return { pass: `runs as user ${user}` };
      return {
        fail: "neither runAsNonRoot nor a non-root runAsUser is set",
        field: "securityContext.runAsNonRoot",
      };
    }),
};
