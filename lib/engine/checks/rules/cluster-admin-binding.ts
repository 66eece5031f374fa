import { rec, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { isBootstrapRbac } from "./rbac-wildcard";
import { outcome } from "../outcome";

const AT_ROLE_REF = { path: "roleRef" };

export const clusterAdminBinding: Check = {
  id: "cluster-admin-binding",
  title: "No subject is bound to cluster-admin",
  category: "security",
  severity: "critical",
  rationale:
    "cluster-admin can do anything on every resource in every namespace. A bound ServiceAccount turns any " +
    "compromise of its pods into a compromise of the whole cluster.",
  remediation:
    "Bind a role with only the permissions needed; keep cluster-admin for break-glass human access through " +
    "the cloud provider's identity mapping.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRoleBinding", "RoleBinding"]) {
      for (const b of ctx.ofKind(kind)) {
        if (isBootstrapRbac(b.metadata.labels, b.metadata.name)) continue;
        const roleRef = rec(b.roleRef);
        const roleKind = str(roleRef?.kind);
        const roleName = str(roleRef?.name);
        const object = refOf(b, AT_ROLE_REF);
        if (roleKind === "ClusterRole" && roleName === "cluster-admin") {
          const subjects = recs(b.subjects)
            .map(
              (s) =>
                `${str(s.kind) ?? "?"} ${str(s.namespace) ? `${str(s.namespace)}/` : ""}${str(s.name) ?? "?"}`,
            )
            .join(", ");
          out.push(outcome("fail", `binds cluster-admin to ${subjects || "no subjects"}`, object));
        } else {
          out.push(outcome("pass", `binds ${roleKind ?? "?"} ${roleName ?? "?"}`, object));
        }
      }
    }
    return out;
  },
};
