import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import { dig, strings } from "../../util";
import type { Check } from "../types";

export const capabilitiesDropAll: Check = {
  id: "capabilities-drop-all",
  title: "Containers drop all Linux capabilities by default",
  category: "security",
  severity: "low",
  rationale:
    "Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, …) that most " +
    "applications never use; each one widens what an attacker can do after a compromise.",
  remediation: "Set securityContext.capabilities.drop: [ALL] and add back only what is required.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) =>
      strings(dig(containerSecurity(c), "capabilities", "drop")).some((s) => s.toUpperCase() === "ALL")
        ? { pass: "drops ALL capabilities" }
        : {
            fail: "default capabilities are kept (drop ALL missing)",
            field: "securityContext.capabilities.drop",
          },
    ),
};
