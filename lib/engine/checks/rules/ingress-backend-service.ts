import { dig, recs, str } from "../../util";
import type { K8sObject } from "../../types";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { ingressBackends } from "../ingress";
import { outcome } from "../outcome";

/** Whether the Service declares the port, by number or by name (or number written as a string). */
function hasPort(svc: K8sObject, port: string | number): boolean {
  for (const p of recs(dig(svc, "spec", "ports"))) {
    if (typeof port === "number" ? p.port === port : str(p.name) === port || String(p.port) === port)
      return true;
  }
  return false;
}

export const ingressBackendService: Check = {
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
  evaluate(ctx) {
    const namespaces = new Set<string>();
    for (const s of ctx.ofKind("Service")) namespaces.add(s.metadata.namespace ?? "");
    const out: Outcome[] = [];
    for (const ing of ctx.ofKind("Ingress")) {
      const ns = ing.metadata.namespace;
      const backends = ingressBackends(ing);
      if (backends.length === 0) continue;
      // Backends broken by their own fields are known without the Services; missing Services and ports are
      // judged only where the snapshot holds Services.
      const lookUp = namespaces.has(ns ?? "");
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
      if (problems.length === 0 && !lookUp) continue;
      const first = problems[0];
      out.push(
        first
          ? outcome(
              "fail",
              [...new Set(problems.map((p) => p.msg))].join("; "),
              refOf(ing, { path: first.path }),
            )
          : outcome("pass", `${backends.length} backend(s) resolve`, refOf(ing)),
      );
    }
    return out;
  },
};
