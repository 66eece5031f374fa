import { containerSecurity } from "../helpers";
import { dig, strings } from "../../util";
import { defineCheck } from "../define";

const DANGEROUS = new Set([
  "ALL",
  "SYS_ADMIN",
  "NET_ADMIN",
  "SYS_PTRACE",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_BOOT",
  "SYS_TIME",
  "DAC_READ_SEARCH",
  "BPF",
  "PERFMON",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
]);

export const dangerousCapabilities = defineCheck({
  id: "dangerous-capabilities",
  title: "Containers add no dangerous Linux capabilities",
  category: "security",
  severity: "high",
  rationale:
    "Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container near-root power over the " +
    "node's kernel, network or other processes. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation:
    "Drop ALL capabilities and add back only narrow ones the workload needs (e.g. NET_BIND_SERVICE).",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const added = strings(dig(containerSecurity(c), "capabilities", "add")).map((s) =>
      s.toUpperCase().replace(/^CAP_/, ""),
    );
    const bad = added.filter((cap) => DANGEROUS.has(cap));
    if (bad.length > 0) ctx.fail(`adds ${bad.join(", ")}`, { field: "securityContext.capabilities.add" });
    else ctx.pass(added.length > 0 ? `adds only ${added.join(", ")}` : "adds no capabilities");
  },
});
