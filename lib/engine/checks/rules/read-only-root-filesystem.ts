import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const readOnlyRootFilesystem: Check = {
  id: "read-only-root-filesystem",
  title: "Containers use a read-only root filesystem",
  category: "security",
  severity: "medium",
  rationale:
    "A writable root filesystem lets an attacker drop tools or modify binaries inside a running container; " +
    "it also hides state that is lost on restart.",
  remediation:
    "Set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes for the paths the " +
    "application must write (/tmp, caches).",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      containerSecurity(c).readOnlyRootFilesystem === true
        ? { pass: "root filesystem is read-only" }
        : { fail: "root filesystem is writable", field: "securityContext.readOnlyRootFilesystem" },
    ),
};
