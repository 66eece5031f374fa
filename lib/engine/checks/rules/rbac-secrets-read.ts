import { isBuiltInRbac, rbacRules } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const READ = new Set(["get", "list", "watch"]);

export const rbacSecretsRead: Check = {
  id: "rbac-secrets-read",
  title: "Roles do not read Secrets broadly",
  category: "security",
  severity: "medium",
  rationale:
    "Reading Secrets yields every credential stored in them, including service account tokens of more " +
    "powerful identities. list and watch return all Secrets at once; in a ClusterRole they cover every " +
    "namespace. get restricted with resourceNames is accepted.",
  remediation:
    "Restrict Secret access to get with resourceNames, in a namespaced Role; exempt controllers that " +
    "genuinely manage Secrets (cert-manager, external-secrets) with a reason.",
  references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const kind of ["ClusterRole", "Role"]) {
      for (const role of ctx.ofKind(kind)) {
        if (isBuiltInRbac(role)) continue;
        let hit: { path: string; verbs: string[]; named: boolean } | undefined;
        for (const r of rbacRules(role)) {
          if (!r.resources.includes("secrets")) continue;
          if (!r.apiGroups.includes("") && r.apiGroups.length > 0) continue;
          const verbs = r.verbs.filter((v) => READ.has(v));
          const named = r.resourceNames.length > 0;
          if (verbs.length === 0 || (named && !verbs.some((v) => v !== "get"))) continue;
          hit = { path: `rules[${r.index}]`, verbs, named };
          break;
        }
        if (!hit) {
          out.push(outcome("pass", "no broad Secret reads", refOf(role)));
          continue;
        }
        const broad = kind === "ClusterRole" && hit.verbs.some((v) => v !== "get");
        out.push(
          outcome(
            "fail",
            `${hit.verbs.join("/")} on secrets${kind === "ClusterRole" ? " in every namespace" : ""}`,
            refOf(role, { path: hit.path }),
            broad ? "high" : undefined,
          ),
        );
      }
    }
    return out;
  },
};
