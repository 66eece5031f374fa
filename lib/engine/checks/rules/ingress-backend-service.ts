import { dig, recs, str } from "../../util";
import type { K8sObject } from "../../types";
import { ingressBackends } from "../ingress";
import { defineCheck } from "../define";

/** Whether the Service declares the port, by number or by name (or number written as a string). */
function hasPort(svc: K8sObject, port: string | number): boolean {
  for (const p of recs(dig(svc, "spec", "ports"))) {
    if (typeof port === "number" ? p.port === port : str(p.name) === port || String(p.port) === port)
      return true;
  }
  return false;
}

export const ingressBackendService = defineCheck({
  id: "ingress-backend-service",
  title: "Ingress backends point at an existing Service and port",
  category: "networking",
  severity: "high",
  rationale:
    "A backend naming a Service or port that does not exist answers 503 for its routes. Only namespaces for " +
    "which the snapshot holds Services are checked for missing Services and ports, so a partial export does " +
    "not produce false alarms. Backends are read by the Ingress's apiVersion: on networking.k8s.io/v1 the " +
    "legacy serviceName/servicePort fields (and spec.backend) are not part of the schema and are dropped by " +
    "the API server, so such a backend names no Service and is reported as broken wherever it is; the same " +
    "holds for the v1 service field on the removed v1beta1 versions.",
  remediation: "Fix the backend's service name and port, or create the Service.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource"],
  scope: { type: "kinds", kinds: ["Ingress"] },
  prepare: (ctx) => new Set(ctx.ofKind("Service").map((s) => s.metadata.namespace ?? "")),
  applies: (ing) => ingressBackends(ing).length > 0,
  run(ing, ctx) {
    const ns = ing.metadata.namespace;
    const backends = ingressBackends(ing);
    // Backends broken by their own fields are known without the Services; missing Services and ports are
    // judged only where the snapshot holds Services.
    const lookUp = ctx.prepared.has(ns ?? "");
    const problems: { path: string; msg: string }[] = [];
    for (const b of backends) {
      if (b.problem) {
        problems.push({ path: b.path, msg: b.problem });
        continue;
      }
      if (!lookUp || b.service === undefined) continue;
      const svc = ctx.find("Service", ns, b.service);
      if (!svc) {
        problems.push({ path: b.path, msg: `Service ${b.service} not found` });
        continue;
      }
      if (b.port === undefined) continue;
      if (!hasPort(svc, b.port))
        problems.push({ path: b.path, msg: `Service ${b.service} has no port ${b.port}` });
    }
    const first = problems[0];
    if (first) ctx.fail([...new Set(problems.map((p) => p.msg))].join("; "), { path: first.path });
    else if (lookUp) ctx.pass(`${backends.length} backend(s) resolve`);
  },
});
