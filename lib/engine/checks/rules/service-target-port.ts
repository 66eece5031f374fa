import { dig, num, recs, str } from "../../util";
import { toMapSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf, type Workload } from "../workloads";
import { outcome } from "../outcome";

function containerPorts(w: Workload): { names: Set<string>; numbers: Set<number> } {
  const names = new Set<string>();
  const numbers = new Set<number>();
  for (const c of w.containers) {
    if (c.type !== "container") continue;
    for (const p of recs(c.spec.ports)) {
      const name = str(p.name);
      const n = num(p.containerPort);
      if (name) names.add(name);
      if (n !== undefined) numbers.add(n);
    }
  }
  return { names, numbers };
}

export const serviceTargetPort: Check = {
  id: "service-target-port",
  title: "Service target ports match the selected containers' ports",
  category: "networking",
  severity: "high",
  rationale:
    "A named targetPort that no selected container declares leaves the Service without endpoints for that " +
    "port; a numeric one that matches no declared containerPort is usually a typo. Declaring containerPort " +
    "is optional, so numeric ports are only compared when the selected pods declare ports at all.",
  remediation: "Make targetPort equal to a containerPort number or name of the pods the Service selects.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const svc of ctx.ofKind("Service")) {
      const selector = toMapSelector(dig(svc, "spec", "selector"));
      if (!selector || Object.keys(selector.matchLabels ?? {}).length === 0) continue;
      const pods = ctx.selectPodTemplates(svc.metadata.namespace, selector);
      if (pods.length === 0) continue; // service-selector-matches reports it
      const declared = pods.map(containerPorts);
      const anyDeclared = declared.some((d) => d.names.size > 0 || d.numbers.size > 0);
      const problems: string[] = [];
      let path: string | undefined;
      recs(dig(svc, "spec", "ports")).forEach((p, i) => {
        const target = p.targetPort ?? p.port;
        let ok = true;
        if (typeof target === "string" && !/^\d+$/.test(target))
          ok = declared.some((d) => d.names.has(target));
        else if (anyDeclared) ok = declared.some((d) => d.numbers.has(Number(target)));
        if (!ok) {
          problems.push(`port ${String(p.port)} → targetPort ${String(target)} matches no container port`);
          path ??= `spec.ports[${i}].targetPort`;
        }
      });
      out.push(
        problems.length > 0
          ? outcome("fail", problems.join("; "), refOf(svc, { path }))
          : outcome("pass", "target ports match", refOf(svc)),
      );
    }
    return out;
  },
};
