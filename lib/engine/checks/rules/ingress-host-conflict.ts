import type { K8sObject } from "../../types";
import { describe } from "../helpers";
import { ingressClass, ingressRoutes, type IngressRoute } from "../ingress";
import type { CheckContext } from "../types";
import { defineCheck } from "../define";

const AT_RULES = { path: "spec.rules" };

/** Each Ingress's name, routes and class/host/path keys, and who claims each key. */
function claims(ctx: CheckContext) {
  const entries = new Map<K8sObject, { me: string; routes: IngressRoute[]; keys: string[] }>();
  const owners = new Map<string, { names: string[]; last: K8sObject }>();
  for (const ing of ctx.ofKind("Ingress")) {
    const cls = ingressClass(ing);
    const routes = ingressRoutes(ing);
    const keys = routes.map((r) => `${cls}\u0000${r.host}\u0000${r.path}`);
    const me = describe(ing);
    entries.set(ing, { me, routes, keys });
    for (const key of keys) {
      const claim = owners.get(key);
      if (!claim) owners.set(key, { names: [me], last: ing });
      else if (claim.last !== ing) {
        // An ingress routing the same host and path twice claims it once.
        claim.names.push(me);
        claim.last = ing;
      }
    }
  }
  return { entries, owners };
}

export const ingressHostConflict = defineCheck({
  id: "ingress-host-conflict",
  title: "No two Ingresses claim the same host and path",
  category: "networking",
  severity: "high",
  rationale:
    "When two Ingresses of the same class route the same host and path, the controller picks one by its own " +
    "rules (oldest, alphabetical) and the other is silently ignored; a copy-pasted Ingress in another " +
    "namespace can hijack production traffic.",
  remediation: "Give each host/path exactly one owner; merge the rules or change the host.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/ingress/"],
  scope: { type: "kinds", kinds: ["Ingress"] },
  prepare: (ctx) => claims(ctx),
  run(ing, ctx) {
    const { entries, owners } = ctx.prepared;
    const entry = entries.get(ing);
    if (!entry) return;
    const { me, routes, keys } = entry;
    const clashes: string[] = [];
    for (let i = 0; i < routes.length; i++) {
      const claimants = owners.get(keys[i] as string)?.names ?? [];
      if (claimants.length < 2) continue;
      const shown: string[] = [];
      for (const o of claimants) {
        if (o !== me) shown.push(o);
        if (shown.length === 3) break;
      }
      const more = claimants.length - 1 - shown.length;
      const r = routes[i] as IngressRoute;
      clashes.push(`${r.host}${r.path} also in ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
    }
    if (clashes.length > 0) ctx.fail([...new Set(clashes)].join("; "), AT_RULES);
    else ctx.pass("hosts and paths are unique");
  },
});
