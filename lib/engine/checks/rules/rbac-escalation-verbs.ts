import { isBuiltInRbac, rbacRules } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const VERBS = new Set(["escalate", "bind", "impersonate"]);

export const rbacEscalationVerbs: Check = {
  id: "rbac-escalation-verbs",
  title: "Roles do not grant escalate, bind, impersonate or token creation",
  category: "security",
  severity: "high",
  rationale:
    "escalate and bind let a subject grant itself permissions it does not hold; impersonate lets it act as " +
    "any user or group; creating serviceaccounts/token mints credentials for other identities. Each is a " +
    "direct path to cluster-admin.",
  remediation:
    "Remove these verbs from application roles; keep them for the few platform controllers that need them, " +
    "exempted with a reason.",
  references: [
    "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks",
  ],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRole", "Role"]) {
      for (const role of ctx.ofKind(kind)) {
        if (isBuiltInRbac(role)) continue;
        const found: string[] = [];
        let path: string | undefined;
        for (const r of rbacRules(role)) {
          const verbs = r.verbs.filter((v) => VERBS.has(v));
          const token = r.resources.includes("serviceaccounts/token") && r.verbs.includes("create");
          if (verbs.length > 0 || token) {
            found.push(...verbs, ...(token ? ["create serviceaccounts/token"] : []));
            path ??= `rules[${r.index}]`;
          }
        }
        out.push(
          found.length > 0
            ? outcome("fail", `grants ${[...new Set(found)].join(", ")}`, refOf(role, { path }))
            : outcome("pass", "no escalation verbs", refOf(role)),
        );
      }
    }
    return out;
  },
};
