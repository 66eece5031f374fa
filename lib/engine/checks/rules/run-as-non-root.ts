import { effectiveSecurity } from "../helpers";
import { num } from "../../util";
import { defineCheck } from "../define";

export const runAsNonRoot = defineCheck({
  id: "run-as-non-root",
  title: "Containers run as a non-root user",
  category: "security",
  severity: "high",
  rationale:
    "A process running as root inside the container is root on the host as soon as it escapes the " +
    "container through a kernel or runtime vulnerability, and can write anywhere a volume is mounted. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation:
    "Set securityContext.runAsNonRoot: true and a non-zero runAsUser (pod or container level), and build " +
    "images with a USER instruction.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const w = c.workload;
    const user = num(effectiveSecurity(w, c, "runAsUser"));
    if (user === 0) return ctx.fail("runAsUser is 0 (root)", { field: "securityContext.runAsUser" });
    if (effectiveSecurity(w, c, "runAsNonRoot") === true) return ctx.pass("runAsNonRoot enforced");
    if (user !== undefined) return ctx.pass(`runs as user ${user}`);
    ctx.fail("neither runAsNonRoot nor a non-root runAsUser is set", {
      field: "securityContext.runAsNonRoot",
    });
  },
});
