import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import { dig, strings } from "../../util";
import type { Check } from "../types";

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

export const capabilitiesDropAll: Check = {
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
    "Polaris' insecureCapabilities accepts the by-name list; this check deliberately does not.",
  remediation: "Set securityContext.capabilities.drop: [ALL] and add back only what is required.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) => {
      const drop = strings(dig(containerSecurity(c), "capabilities", "drop")).map((s) => s.toUpperCase());
      if (drop.includes("ALL")) return { pass: "drops ALL capabilities" };
      const field = "securityContext.capabilities.drop";
      const named = new Set(drop.map((s) => (s.startsWith("CAP_") ? s.slice(4) : s)));
      if (RUNTIME_DEFAULTS.every((cap) => named.has(cap)))
        return { fail: "drops the runtime's default capabilities by name instead of ALL", field };
      return { fail: "default capabilities are kept (drop ALL missing)", field };
    }),
};
