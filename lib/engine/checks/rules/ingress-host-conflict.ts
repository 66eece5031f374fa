import type { K8sObject } from "../../types";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { describe } from "../helpers";
import { ingressClass, ingressRoutes, type IngressRoute } from "../ingress";
import { outcome } from "../outcome";

const AT_RULES = { path: "spec.rules" };

export const ingressHostConflict: Check = {
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
  evaluate(ctx) {
    // Each ingress's name, routes and their class/host/path keys, built once for both passes.
    const entries = ctx.ofKind("Ingress").map((ing) => {
      const cls = ingressClass(ing);
      const routes = ingressRoutes(ing);
      const keys = routes.map((r) => `${cls}\u0000${r.host}\u0000${r.path}`);
      return { ing, me: describe(ing), routes, keys };
    });
    const owners = new Map<string, { names: string[]; last: K8sObject }>();
    for (const { ing, me, keys } of entries) {
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
    const out: Outcome[] = [];
    for (const { ing, me, routes, keys } of entries) {
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
      out.push(
        clashes.length > 0
          ? outcome("fail", [...new Set(clashes)].join("; "), refOf(ing, AT_RULES))
          : outcome("pass", "hosts and paths are unique", refOf(ing)),
      );
    }
    return out;
  },
};
