import { grantedBy, type RbacRule } from "../rbac";
import { defineCheck } from "../define";

const READ = new Set(["get", "list", "watch"]);

export const rbacSecretsRead = defineCheck({
  id: "rbac-secrets-read",
  title: "Roles do not read Secrets broadly",
  category: "security",
  severity: "medium",
  rationale:
    "Reading Secrets yields every credential stored in them, including service account tokens of more " +
    "powerful identities. list and watch return all Secrets at once; through a ClusterRoleBinding they " +
    "cover every namespace (high severity), through a RoleBinding, even to a ClusterRole, only its own. get " +
    "restricted with resourceNames is accepted. Judged per binding (who reads, where, through which role), " +
    "aggregated ClusterRoles resolved; a role nobody is bound to in the input is not reported.",
  remediation:
    "Restrict Secret access to get with resourceNames, in a namespaced Role; exempt controllers that " +
    "genuinely manage Secrets (cert-manager, external-secrets) with a reason.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets"],
  scope: { type: "binding" },
  run(b, ctx) {
    let hit: { rule: RbacRule; verbs: string[] } | undefined;
    for (const r of b.rules) {
      if (!r.resources.includes("secrets")) continue;
      if (!r.apiGroups.includes("") && r.apiGroups.length > 0) continue;
      const verbs = r.verbs.filter((v) => READ.has(v));
      const named = r.resourceNames.length > 0;
      if (verbs.length === 0 || (named && !verbs.some((v) => v !== "get"))) continue;
      hit = { rule: r, verbs };
      break;
    }
    if (!hit) return ctx.pass("no broad Secret reads");
    // list and watch return every Secret at once; through a ClusterRoleBinding, in every namespace.
    const broad = b.kind === "ClusterRoleBinding" && hit.verbs.some((v) => v !== "get");
    ctx.fail(
      grantedBy(b, `${hit.verbs.join("/")} secrets`, hit.rule),
      broad ? { severity: "high" } : undefined,
    );
  },
});
