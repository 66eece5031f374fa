import { num, rec, recs, str } from "../../util";
import { isEmptySelector, toMapSelector } from "../helpers";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

interface Ports {
  names: string[];
  numbers: number[];
}

function containerPorts(w: Workload): Ports {
  const names: string[] = [];
  const numbers: number[] = [];
  for (const c of w.containers) {
    if (c.type !== "container") continue;
    for (const p of recs(c.spec.ports)) {
      const name = str(p.name);
      const n = num(p.containerPort);
      if (name) names.push(name);
      if (n !== undefined) numbers.push(n);
    }
  }
  return { names, numbers };
}

export const serviceTargetPort = defineCheck({
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
  scope: { type: "kinds", kinds: ["Service"] },
  // Services often share pods (one per port, headless and not): each pod's ports are read once.
  prepare: () => new Map<Workload, Ports>(),
  run(svc, ctx) {
    const spec = rec(svc.spec);
    const selector = toMapSelector(spec?.selector);
    if (!selector || isEmptySelector(selector)) return;
    const pods = ctx.selectPodTemplates(svc.metadata.namespace, selector);
    if (pods.length === 0) return; // service-selector-matches reports it
    const declared: Ports[] = [];
    let anyDeclared = false;
    for (const w of pods) {
      let ports = ctx.prepared.get(w);
      if (!ports) ctx.prepared.set(w, (ports = containerPorts(w)));
      declared.push(ports);
      if (ports.names.length > 0 || ports.numbers.length > 0) anyDeclared = true;
    }
    const problems: string[] = [];
    let path: string | undefined;
    const ports = recs(spec?.ports);
    for (let i = 0; i < ports.length; i++) {
      const p = ports[i] as Record<string, unknown>;
      const target = p.targetPort ?? p.port;
      let ok = true;
      if (typeof target === "string" && !/^\d+$/.test(target))
        ok = declared.some((d) => d.names.includes(target));
      else if (anyDeclared) {
        const n = Number(target);
        ok = declared.some((d) => d.numbers.includes(n));
      }
      if (!ok) {
        problems.push(`port ${String(p.port)} → targetPort ${String(target)} matches no container port`);
        path ??= `spec.ports[${i}].targetPort`;
      }
    }
    if (problems.length > 0) ctx.fail(problems.join("; "), { path });
    else ctx.pass("target ports match");
  },
});
