// RBAC as the API server applies it: each binding grants its subjects its role's rules, cluster-wide
// (ClusterRoleBinding) or in its own namespace (RoleBinding, even to a ClusterRole), and an aggregated
// ClusterRole's rules are those of every ClusterRole its aggregationRule selects. Checks judge bindings:
// who gets what, where.
import type { K8sObject } from "../types";
import { dig, rec, recs, str, stringValues, strings } from "../util";
import { matchesSelector, toSelector } from "./selectors";

export interface RbacRule {
  /** Index in `rules` of the role that declares it. */
  index: number;
  apiGroups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
  resourceNames: readonly string[];
  /** The role declaring the rule: the bound role, or a ClusterRole aggregated into it. */
  source: string;
}

export interface Binding {
  object: K8sObject;
  kind: "ClusterRoleBinding" | "RoleBinding";
  roleKind: string;
  roleName: string;
  /** The bound role as found in the input; undefined when absent (cluster-admin is known without it). */
  role: K8sObject | undefined;
  /** The role's rules, aggregated ones included; undefined when the role is not in the input. */
  rules: readonly RbacRule[] | undefined;
  /** "ServiceAccount shop/api, User alice", or "no subjects". */
  subjects: string;
  /** "in every namespace", "in namespace shop", or for a RoleBinding without one, where it is deployed. */
  where: string;
  /** Created and reconciled by the API server (labelled kubernetes.io/bootstrapping=rbac-defaults). */
  builtIn: boolean;
}

/**
 * Built-in RBAC objects (the roles and bindings the API server creates and reconciles) carry this label. It
 * is the only sign trusted: a `system:` name is free for anyone to use, and a re-declared built-in role
 * without the label is the user's copy, judged like any other role.
 */
export function isBuiltInRbac(obj: K8sObject): boolean {
  return obj.metadata.labels?.["kubernetes.io/bootstrapping"] === "rbac-defaults";
}

export function rbacRules(role: K8sObject, source = `${role.kind} ${role.metadata.name}`): RbacRule[] {
  return recs(role.rules).map((r, index) => ({
    index,
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    verbs: strings(r.verbs),
    resourceNames: strings(r.resourceNames),
    source,
  }));
}

/** The first rule granting every verb on every resource in every API group (`*` in all three), if any. */
export function fullAccessRule(rules: readonly RbacRule[]): RbacRule | undefined {
  return rules.find((r) => r.verbs.includes("*") && r.resources.includes("*") && r.apiGroups.includes("*"));
}

/** cluster-admin's rules, fixed by the API server: known even when the input does not define the role. */
const CLUSTER_ADMIN: readonly RbacRule[] = [
  {
    index: 0,
    apiGroups: ["*"],
    resources: ["*"],
    verbs: ["*"],
    resourceNames: [],
    source: "ClusterRole cluster-admin",
  },
];

/**
 * Rules of every ClusterRole with its aggregation resolved: its own rules (a live dump has them filled in by
 * the controller) plus those of every ClusterRole matching one of its clusterRoleSelectors, transitively.
 */
function clusterRoleRules(clusterRoles: readonly K8sObject[]): (role: K8sObject) => readonly RbacRule[] {
  const memo = new Map<K8sObject, readonly RbacRule[]>();
  const resolve = (role: K8sObject, visiting: Set<K8sObject>): readonly RbacRule[] => {
    const known = memo.get(role);
    if (known) return known;
    const own = rbacRules(role);
    const selectors = recs(dig(role, "aggregationRule", "clusterRoleSelectors"))
      .map(toSelector)
      .filter((s) => s !== undefined);
    if (selectors.length === 0) {
      memo.set(role, own);
      return own;
    }
    visiting.add(role);
    const rules = [...own];
    const seen = new Set(own.map((r) => ruleKey(r)));
    for (const other of clusterRoles) {
      if (other === role || visiting.has(other)) continue;
      const labels = stringValues(other.metadata.labels);
      if (!selectors.some((s) => matchesSelector(labels, s))) continue;
      for (const r of resolve(other, visiting)) {
        const key = ruleKey(r);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(r);
      }
    }
    visiting.delete(role);
    memo.set(role, rules);
    return rules;
  };
  return (role) => resolve(role, new Set());
}

function ruleKey(r: RbacRule): string {
  return JSON.stringify([r.apiGroups, r.resources, r.verbs, r.resourceNames]);
}

function describeSubjects(binding: K8sObject): string {
  const list = recs(binding.subjects).map((s) => {
    const ns = str(s.namespace);
    return `${str(s.kind) ?? "?"} ${ns ? `${ns}/` : ""}${str(s.name) ?? "?"}`;
  });
  return list.length > 0 ? list.join(", ") : "no subjects";
}

/** Every binding of the snapshot with what it grants. */
export function resolveBindings(
  ofKind: (kind: string) => readonly K8sObject[],
  find: (kind: string, namespace: string | undefined, name: string) => K8sObject | undefined,
): Binding[] {
  const clusterRules = clusterRoleRules(ofKind("ClusterRole"));
  const out: Binding[] = [];
  for (const kind of ["ClusterRoleBinding", "RoleBinding"] as const) {
    for (const b of ofKind(kind)) {
      const roleRef = rec(b.roleRef);
      const roleKind = str(roleRef?.kind) ?? "?";
      const roleName = str(roleRef?.name) ?? "?";
      let role: K8sObject | undefined;
      let rules: readonly RbacRule[] | undefined;
      if (roleKind === "ClusterRole") {
        role = find("ClusterRole", undefined, roleName);
        rules = role ? clusterRules(role) : roleName === "cluster-admin" ? CLUSTER_ADMIN : undefined;
      } else if (roleKind === "Role" && kind === "RoleBinding") {
        role = find("Role", b.metadata.namespace, roleName);
        rules = role ? rbacRules(role) : undefined;
      }
      out.push({
        object: b,
        kind,
        roleKind,
        roleName,
        role,
        rules,
        subjects: describeSubjects(b),
        where:
          kind === "ClusterRoleBinding"
            ? "in every namespace"
            : b.metadata.namespace === undefined
              ? "in the namespace it is deployed to"
              : `in namespace ${b.metadata.namespace}`,
        builtIn: isBuiltInRbac(b),
      });
    }
  }
  return out;
}

/** "<what> granted to ServiceAccount ci/deployer in every namespace by ClusterRole x rules[0]". */
export function grantedBy(b: Binding, what: string, rule: RbacRule): string {
  return `${what} granted to ${b.subjects} ${b.where} by ${rule.source} rules[${rule.index}]`;
}
