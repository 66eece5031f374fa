import { grantedBy, type RbacRule } from "../rbac";
import { defineCheck } from "../define";

const EXEC = ["pods/exec", "pods/attach", "pods/portforward"];

export const rbacPodsExec = defineCheck({
  id: "rbac-pods-exec",
  title: "Roles do not grant exec, attach or port-forward into pods",
  category: "security",
  severity: "high",
  rationale:
    "pods/exec and pods/attach give a shell in any matching pod, with its service account token, mounted " +
    "Secrets and network position; port-forward reaches ports no Service exposes. Wildcards are reported by " +
    "rbac-wildcard, so this check looks only at explicit grants. Judged per binding (who gets it, where, " +
    "through which role), aggregated ClusterRoles resolved; a role nobody is bound to in the input is not " +
    "reported.",
  remediation:
    "Grant exec only to a break-glass role bound to named humans, never to service accounts; audit its use.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  scope: { type: "binding" },
  run(b, ctx) {
    let hit: { rule: RbacRule; what: string[] } | undefined;
    for (const r of b.rules) {
      const what = r.resources.filter((res) => EXEC.includes(res));
      if (what.length > 0 && r.verbs.some((v) => v === "create" || v === "get")) {
        hit = { rule: r, what };
        break;
      }
    }
    if (hit) ctx.fail(grantedBy(b, hit.what.join(", "), hit.rule));
    else ctx.pass("no exec/attach/port-forward");
  },
});
