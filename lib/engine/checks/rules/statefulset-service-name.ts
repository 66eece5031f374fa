import { dig, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const statefulsetServiceName: Check = {
  id: "statefulset-service-name",
  title: "StatefulSets name an existing headless Service",
  category: "networking",
  severity: "medium",
  rationale:
    "A StatefulSet's stable pod DNS names (pod-0.service) exist only through the headless Service named in " +
    "spec.serviceName; peers of a database or broker cluster cannot find each other without it. The Service " +
    "is only looked up when the snapshot holds Services for the namespace.",
  remediation: "Create a Service with clusterIP: None selecting the pods and set spec.serviceName to it.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id"],
  evaluate(ctx) {
    const namespaces = new Set(ctx.ofKind("Service").map((s) => s.metadata.namespace ?? ""));
    const out: Outcome[] = [];
    for (const sts of ctx.ofKind("StatefulSet")) {
      const ns = sts.metadata.namespace;
      const name = str(dig(sts, "spec", "serviceName"));
      const object = refOf(sts, { path: "spec.serviceName" });
      if (!name) {
        out.push(outcome("fail", "no spec.serviceName", object));
        continue;
      }
      if (!namespaces.has(ns ?? "")) continue;
      const svc = ctx.find("Service", ns, name);
      if (!svc) out.push(outcome("fail", `Service ${name} not found`, object));
      else if (dig(svc, "spec", "clusterIP") !== "None")
        out.push(outcome("fail", `Service ${name} is not headless (clusterIP: None)`, object));
      else out.push(outcome("pass", `headless Service ${name}`, object));
    }
    return out;
  },
};
