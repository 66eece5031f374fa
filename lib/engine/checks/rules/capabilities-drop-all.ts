import { containerSecurity } from "../helpers";
import { dig, strings } from "../../util";
import { defineCheck } from "../define";

/** The capabilities containerd and Docker grant by default (CRI-O grants a subset of them). */
const RUNTIME_DEFAULTS = [
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "NET_RAW",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
];

export const capabilitiesDropAll = defineCheck({
  id: "capabilities-drop-all",
  title: "Containers drop all Linux capabilities by default",
  category: "security",
  severity: "low",
  rationale:
    "Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, …) that most " +
    "applications never use; each one widens what an attacker can do after a compromise. Only drop: [ALL] " +
    "passes. Dropping each default capability by name is reported too, with its own message: the default " +
    "set belongs to the runtime (containerd, CRI-O and Docker differ and have changed), and the Pod Security " +
    "Standard 'restricted' admits only a literal ALL, so such a pod is rejected in a restricted namespace. " +
    "Polaris' insecureCapabilities accepts the by-name list; this check deliberately does not. " +
    "Ephemeral debug containers are judged too, as the Pod Security Standards do: a debug session started with kubectl debug runs with the same kernel access as any other container.",
  remediation: "Set securityContext.capabilities.drop: [ALL] and add back only what is required.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
  scope: { type: "container", containers: "all" },
  run(c, ctx) {
    const drop = strings(dig(containerSecurity(c), "capabilities", "drop")).map((s) => s.toUpperCase());
    if (drop.includes("ALL")) return ctx.pass("drops ALL capabilities");
    const field = "securityContext.capabilities.drop";
    const named = new Set(drop.map((s) => (s.startsWith("CAP_") ? s.slice(4) : s)));
    if (RUNTIME_DEFAULTS.every((cap) => named.has(cap)))
      return ctx.fail("drops the runtime's default capabilities by name instead of ALL", { field });
    ctx.fail("default capabilities are kept (drop ALL missing)", { field });
  },
});
