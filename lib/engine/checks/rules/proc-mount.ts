import { containerSecurity, perContainer, runtimeContainers } from "../helpers";
import type { Check } from "../types";

export const procMount: Check = {
  id: "proc-mount",
  title: "Containers keep the default masked /proc",
  category: "security",
  severity: "high",
  rationale:
    "procMount: Unmasked exposes kernel interfaces under /proc that the runtime normally hides; it exists " +
    "for nested container runtimes and gives an attacker information and knobs for breaking out.",
  remediation: "Remove securityContext.procMount (or set it to Default).",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"],
  evaluate: (ctx) =>
    perContainer(ctx, runtimeContainers, (_w, c) => {
      const mount = containerSecurity(c).procMount;
      return mount === undefined || mount === "Default"
        ? { pass: "default /proc mount" }
        : { fail: `procMount: ${JSON.stringify(mount)}`, field: "securityContext.procMount" };
    }),
};
