import { grantedBy } from "../rbac";
import { defineCheck } from "../define";

const VERBS = new Set(["escalate", "bind", "impersonate"]);

export const rbacEscalationVerbs = defineCheck({
  id: "rbac-escalation-verbs",
  title: "Roles do not grant escalate, bind, impersonate or token creation",
  category: "security",
  severity: "high",
  rationale:
    "escalate and bind let a subject grant itself permissions it does not hold; impersonate lets it act as " +
    "any user or group; creating serviceaccounts/token mints credentials for other identities. Each is a " +
    "direct path to cluster-admin. Judged per binding (who gets it, where, through which role and rule), " +
    "aggregated ClusterRoles resolved; a role nobody is bound to in the input grants nothing and is not " +
    "reported. Wildcard verbs are left to rbac-wildcard and cluster-admin-binding.",
  remediation:
    "Remove these verbs from application roles; keep them for the few platform controllers that need them, " +
    "exempted with a reason.",
  references: [
    "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks",
  ],
  scope: { type: "binding" },
  run(b, ctx) {
    const found: string[] = [];
    let first: (typeof b.rules)[number] | undefined;
    for (const r of b.rules) {
      const verbs = r.verbs.filter((v) => VERBS.has(v));
      const token = r.resources.includes("serviceaccounts/token") && r.verbs.includes("create");
      if (verbs.length > 0 || token) {
        found.push(...verbs, ...(token ? ["create serviceaccounts/token"] : []));
        first ??= r;
      }
    }
    if (first) ctx.fail(grantedBy(b, [...new Set(found)].join(", "), first));
    else ctx.pass("no escalation verbs");
  },
});
