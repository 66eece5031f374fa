import { recs, strings } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

/** Built-in roles the API server creates; they are not the cluster owner's to change. */
export function isBootstrapRbac(labels: Record<string, string> | undefined, name: string): boolean {
  return labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults" || name.startsWith("system:");
}

export const rbacWildcard: Check = {
  id: "rbac-wildcard",
  title: "Roles do not grant wildcard permissions",
  category: "security",
  severity: "high",
  rationale:
    "A '*' in verbs, resources or apiGroups grants everything, including resources added later by CRDs and " +
    "verbs like escalate, bind and impersonate; least privilege becomes impossible to review.",
  remediation: "List the exact apiGroups, resources and verbs the subject needs.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRole", "Role"]) {
      for (const role of ctx.ofKind(kind)) {
        if (isBootstrapRbac(role.metadata.labels, role.metadata.name)) continue;
        const wild: string[] = [];
        recs(role.rules).forEach((rule, i) => {
          for (const field of ["verbs", "resources", "apiGroups"]) {
            if (strings(rule[field]).includes("*")) wild.push(`rules[${i}].${field}`);
          }
        });
        const object = refOf(role, wild[0] ? { path: wild[0] } : undefined);
        out.push(
          wild.length > 0
            ? outcome("fail", `wildcard in ${wild.join(", ")}`, object)
            : outcome("pass", "no wildcards", object),
        );
      }
    }
    return out;
  },
};
