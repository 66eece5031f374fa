import { recs, strings } from "../../util";
import { isBuiltInRbac } from "../rbac";
import { defineCheck } from "../define";

export const rbacWildcard = defineCheck({
  id: "rbac-wildcard",
  title: "Roles do not grant wildcard permissions",
  category: "security",
  severity: "high",
  rationale:
    "A '*' in verbs, resources or apiGroups grants everything, including resources added later by CRDs and " +
    "verbs like escalate, bind and impersonate; least privilege becomes impossible to review. Built-in " +
    "roles are recognised only by their kubernetes.io/bootstrapping=rbac-defaults label, as the RBAC checks " +
    "all do: a role merely named system:… is judged like any other, and so is a built-in role re-declared " +
    "without its label (the copy in the input is what gets applied, and its content is what is judged).",
  remediation: "List the exact apiGroups, resources and verbs the subject needs.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  scope: { type: "kinds", kinds: ["ClusterRole", "Role"] },
  applies: (role) => !isBuiltInRbac(role),
  run(role, ctx) {
    const wild: string[] = [];
    recs(role.rules).forEach((rule, i) => {
      for (const field of ["verbs", "resources", "apiGroups"]) {
        if (strings(rule[field]).includes("*")) wild.push(`rules[${i}].${field}`);
      }
    });
    if (wild.length > 0) ctx.fail(`wildcard in ${wild.join(", ")}`, { path: wild[0] });
    else ctx.pass("no wildcards");
  },
});
