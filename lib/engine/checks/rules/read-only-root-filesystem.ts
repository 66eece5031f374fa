import { containerSecurity } from "../helpers";
import { defineCheck } from "../define";

export const readOnlyRootFilesystem = defineCheck({
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
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    if (containerSecurity(c).readOnlyRootFilesystem === true) ctx.pass("root filesystem is read-only");
    else ctx.fail("root filesystem is writable", { field: "securityContext.readOnlyRootFilesystem" });
  },
});
