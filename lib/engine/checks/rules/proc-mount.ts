import { containerSecurity } from "../helpers";
import { defineCheck } from "../define";

export const procMount = defineCheck({
  id: "proc-mount",
  title: "Containers keep the default masked /proc",
  category: "security",
  severity: "high",
  rationale:
    "procMount: Unmasked exposes kernel interfaces under /proc that the runtime normally hides; it exists " +
    "for nested container runtimes and gives an attacker information and knobs for breaking out. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation: "Remove securityContext.procMount (or set it to Default).",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const mount = containerSecurity(c).procMount;
    if (mount === undefined || mount === "Default") ctx.pass("default /proc mount");
    else ctx.fail(`procMount: ${JSON.stringify(mount)}`, { field: "securityContext.procMount" });
  },
});
