import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { describe } from "../helpers";
import { ingressClass, ingressRoutes } from "../ingress";
import { outcome } from "../outcome";

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
    const owners = new Map<string, string[]>();
    const ingresses = ctx.ofKind("Ingress");
    for (const ing of ingresses) {
      const cls = ingressClass(ing);
      for (const r of new Set(ingressRoutes(ing).map((r) => `${cls}\u0000${r.host}\u0000${r.path}`))) {
        const list = owners.get(r);
        if (list) list.push(describe(ing));
        else owners.set(r, [describe(ing)]);
      }
    }
    const out: Outcome[] = [];
    for (const ing of ingresses) {
      const cls = ingressClass(ing);
      const me = describe(ing);
      const clashes: string[] = [];
      for (const r of ingressRoutes(ing)) {
        const claimants = owners.get(`${cls}\u0000${r.host}\u0000${r.path}`) ?? [];
        if (claimants.length < 2) continue;
        const shown: string[] = [];
        for (const o of claimants) {
          if (o !== me) shown.push(o);
          if (shown.length === 3) break;
        }
        const more = claimants.length - 1 - shown.length;
        clashes.push(`${r.host}${r.path} also in ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
      }
      out.push(
        clashes.length > 0
          ? outcome("fail", [...new Set(clashes)].join("; "), refOf(ing, { path: "spec.rules" }))
          : outcome("pass", "hosts and paths are unique", refOf(ing)),
      );
    }
    return out;
  },
};
