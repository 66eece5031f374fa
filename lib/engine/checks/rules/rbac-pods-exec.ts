import { isBuiltInRbac, rbacRules } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const EXEC = ["pods/exec", "pods/attach", "pods/portforward"];

export const rbacPodsExec: Check = {
  id: "rbac-pods-exec",
  title: "Roles do not grant exec, attach or port-forward into pods",
  category: "security",
  severity: "high",
  rationale:
    "pods/exec and pods/attach give a shell in any matching pod, with its service account token, mounted " +
    "Secrets and network position; port-forward reaches ports no Service exposes. Wildcards are reported by " +
    "rbac-wildcard, so this check looks only at explicit grants.",
  remediation:
    "Grant exec only to a break-glass role bound to named humans, never to service accounts; audit its use.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRole", "Role"]) {
      for (const role of ctx.ofKind(kind)) {
        if (isBuiltInRbac(role)) continue;
        let hit: { path: string; what: string[] } | undefined;
        for (const r of rbacRules(role)) {
          const what = r.resources.filter((res) => EXEC.includes(res));
          if (what.length > 0 && r.verbs.some((v) => v === "create" || v === "get")) {
            hit = { path: `rules[${r.index}]`, what };
            break;
          }
        }
        out.push(
          hit
            ? outcome("fail", `grants ${hit.what.join(", ")}`, refOf(role, { path: hit.path }))
            : outcome("pass", "no exec/attach/port-forward", refOf(role)),
        );
      }
    }
    return out;
  },
};
