import { fullAccessRule } from "../rbac";
import { defineCheck } from "../define";

export const clusterAdminBinding = defineCheck({
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
    "cannot be seen (cluster-admin itself is known without its definition). An aggregated ClusterRole is " +
    "judged by the rules of every ClusterRole its aggregationRule selects.",
  remediation:
    "Bind a role with only the permissions needed; keep cluster-admin for break-glass human access through " +
    "the cloud provider's identity mapping.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  scope: { type: "binding" },
  run(b, ctx) {
    const isClusterAdmin = b.roleKind === "ClusterRole" && b.roleName === "cluster-admin";
    if (!isClusterAdmin && !fullAccessRule(b.rules)) return ctx.pass(`binds ${b.roleKind} ${b.roleName}`);
    const what = isClusterAdmin
      ? "cluster-admin"
      : `${b.roleKind} ${b.roleName}, which grants every verb on every resource in every API group,`;
    const where = b.kind === "RoleBinding" ? ` ${b.where}` : "";
    ctx.fail(`binds ${what} to ${b.subjects}${where}`);
  },
});
