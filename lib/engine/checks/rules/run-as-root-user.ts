import { effectiveSecurity } from "../helpers";
import { defineCheck } from "../define";

export const runAsRootUser = defineCheck({
  id: "run-as-root-user",
  title: "Containers do not set runAsUser: 0",
  category: "security",
  severity: "high",
  rationale:
    "An explicit runAsUser: 0 runs the process as root whatever the image declares, so any container escape " +
    "or writable host mount is a root compromise of the node. Unlike run-as-non-root, this flags only an " +
    "explicit choice of root, which is never an accident. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation: "Set runAsUser to a non-zero UID (and runAsNonRoot: true); fix file ownership in the image.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const uid = effectiveSecurity(c.workload, c, "runAsUser");
    if (uid === 0) return ctx.fail("runAsUser: 0 (root)", { field: "securityContext.runAsUser" });
    ctx.pass(typeof uid === "number" ? `runAsUser ${uid}` : "runAsUser not forced to 0");
  },
});
