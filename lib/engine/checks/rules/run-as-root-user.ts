import { effectiveSecurity, perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const runAsRootUser: Check = {
  id: "run-as-root-user",
  title: "Containers do not set runAsUser: 0",
  category: "security",
  severity: "high",
  rationale:
    "An explicit runAsUser: 0 runs the process as root whatever the image declares, so any container escape " +
    "or writable host mount is a root compromise of the node. Unlike run-as-non-root, this flags only an " +
    "explicit choice of root, which is never an accident.",
  remediation: "Set runAsUser to a non-zero UID (and runAsNonRoot: true); fix file ownership in the image.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (w, c) => {
      const uid = effectiveSecurity(w, c, "runAsUser");
      if (uid === 0) return { fail: "runAsUser: 0 (root)", field: "securityContext.runAsUser" };
      return typeof uid === "number" ? { pass: `runAsUser ${uid}` } : { pass: "runAsUser not forced to 0" };
    }),
};
