import { grantedBy, type RbacRule } from "../rbac";
import { defineCheck } from "../define";

/** Resources whose creation runs a pod of the creator's choosing, by API group. */
const POD_CREATORS: Readonly<Record<string, readonly string[]>> = {
  "": ["pods", "replicationcontrollers", "podtemplates"],
  apps: ["deployments", "statefulsets", "daemonsets", "replicasets"],
  batch: ["jobs", "cronjobs"],
};

function podCreators(r: RbacRule): string[] {
  const out: string[] = [];
  for (const group of r.apiGroups.length > 0 ? r.apiGroups : [""]) {
    for (const res of POD_CREATORS[group] ?? []) if (r.resources.includes(res)) out.push(res);
  }
  return out;
}

export const rbacCreatePods = defineCheck({
  id: "rbac-create-pods",
  title: "Roles do not let their subjects create pods or workloads",
  category: "security",
  severity: "medium",
  rationale:
    "Whoever may create a pod in a namespace, directly or through a Deployment, Job or other controller, " +
    "can run it under any service account of that namespace and mount any of its Secrets, so they hold " +
    "every permission those accounts have; without Pod Security admission, a privileged pod with a " +
    "hostPath mount takes the node. This is CIS Benchmark 5.1.4 and kube-linter's access-to-create-pods. " +
    "Through a ClusterRoleBinding it holds in every namespace (high severity). Wildcards are rbac-wildcard's " +
    "concern, so only an explicit create verb counts. Judged per binding (who gets it, where, through which " +
    "role), aggregated ClusterRoles resolved; built-in bindings of the API server are not judged.",
  remediation:
    "Let people and CI deploy through a GitOps controller or a pipeline identity limited to its own " +
    "namespaces, enforce Pod Security 'restricted' there, and exempt operators that must create pods with " +
    "a reason.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation"],
  scope: { type: "binding" },
  run(b, ctx) {
    for (const r of b.rules) {
      if (!r.verbs.includes("create")) continue;
      const what = podCreators(r);
      if (what.length === 0) continue;
      return ctx.fail(
        grantedBy(b, `create ${what.join(", ")}`, r),
        b.kind === "ClusterRoleBinding" ? { severity: "high" } : undefined,
      );
    }
    ctx.pass("no pod or workload creation");
  },
});
