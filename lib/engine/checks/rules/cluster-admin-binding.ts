import { rec, recs, str } from "../../util";
import { fullAccessRule, isBuiltInRbac } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_ROLE_REF = { path: "roleRef" };

export const clusterAdminBinding: Check = {
  id: "cluster-admin-binding",
  title: "No subject is bound to cluster-admin or an equivalent role",
  category: "security",
  severity: "critical",
  rationale:
    "cluster-admin can do anything on every resource in every namespace. A bound ServiceAccount turns any " +
    "compromise of its pods into a compromise of the whole cluster. Any role granting every verb on every " +
    "resource in every API group ('*' in all three) is cluster-admin under another name and is reported the " +
    "same way, whatever it is called; Polaris and kube-linter look only for the name cluster-admin. Through " +
    "a RoleBinding the grant is limited to one namespace, which is still full control of it. Built-in " +
    "bindings are recognised by their kubernetes.io/bootstrapping=rbac-defaults label, never by a system: " +
    "name. A binding whose role is not in the input is skipped rather than passed, since its permissions " +
    "cannot be seen (cluster-admin itself is known without its definition).",
  remediation:
    "Bind a role with only the permissions needed; keep cluster-admin for break-glass human access through " +
    "the cloud provider's identity mapping.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRoleBinding", "RoleBinding"]) {
      for (const b of ctx.ofKind(kind)) {
        if (isBuiltInRbac(b)) continue;
        const roleRef = rec(b.roleRef);
        const roleKind = str(roleRef?.kind) ?? "?";
        const roleName = str(roleRef?.name) ?? "?";
        const object = refOf(b, AT_ROLE_REF);
        const role =
          roleKind === "ClusterRole" || roleKind === "Role"
            ? ctx.find(roleKind, roleKind === "Role" ? b.metadata.namespace : undefined, roleName)
            : undefined;
        const isClusterAdmin = roleKind === "ClusterRole" && roleName === "cluster-admin";
        if (!isClusterAdmin && !role) {
          out.push(outcome("skip", `${roleKind} ${roleName} is not in the snapshot`, object));
          continue;
        }
        const rule = isClusterAdmin ? undefined : role && fullAccessRule(role);
        if (!isClusterAdmin && !rule) {
          out.push(outcome("pass", `binds ${roleKind} ${roleName}`, object));
          continue;
        }
        const subjects = recs(b.subjects)
          .map(
            (s) =>
              `${str(s.kind) ?? "?"} ${str(s.namespace) ? `${str(s.namespace)}/` : ""}${str(s.name) ?? "?"}`,
          )
          .join(", ");
        const what = isClusterAdmin
          ? "cluster-admin"
          : `${roleKind} ${roleName}, which grants every verb on every resource in every API group,`;
        const where = kind === "RoleBinding" ? ` in namespace ${b.metadata.namespace ?? "(unset)"}` : "";
        out.push(outcome("fail", `binds ${what} to ${subjects || "no subjects"}${where}`, object));
      }
    }
    return out;
  },
};
