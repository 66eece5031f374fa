import { dig, str } from "../../util";
import { isEmptySelector, toMapSelector } from "../helpers";
import { matchesSelector } from "../context";
import type { Check, Outcome } from "../types";
import { refOf, toWorkload } from "../workloads";
import { outcome } from "../outcome";

export const statefulsetServiceName: Check = {
  id: "statefulset-service-name",
  title: "StatefulSets name an existing headless Service that selects their pods",
  category: "networking",
  severity: "medium",
  rationale:
    "A StatefulSet's stable pod DNS names (pod-0.service) exist only through the governing Service named in " +
    "spec.serviceName: it must exist in the StatefulSet's namespace, be headless (clusterIP: None) and " +
    "select the StatefulSet's pods, or peers of a database or broker cluster cannot find each other. The " +
    "Service is only looked up when the snapshot holds Services for the namespace; otherwise the result is " +
    "skipped, since a partial export cannot show it missing.",
  remediation:
    "Create a Service with clusterIP: None whose selector matches the pod template's labels, and set " +
    "spec.serviceName to it.",
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
      if (!namespaces.has(ns ?? "")) {
        out.push(outcome("skip", `no Services of namespace ${ns ?? "(unset)"} in the snapshot`, object));
        continue;
      }
      const svc = ctx.find("Service", ns, name);
      const selector = svc && toMapSelector(dig(svc, "spec", "selector"));
      const podLabels = toWorkload(sts)?.podLabels ?? {};
      if (!svc) out.push(outcome("fail", `Service ${name} not found`, object));
      else if (dig(svc, "spec", "clusterIP") !== "None")
        out.push(outcome("fail", `Service ${name} is not headless (clusterIP: None)`, object));
      else if (!selector || isEmptySelector(selector))
        out.push(outcome("fail", `Service ${name} has no selector, so it selects none of the pods`, object));
      else if (!matchesSelector(podLabels, selector))
        out.push(
          outcome("fail", `Service ${name}'s selector does not match the pod template's labels`, object),
        );
      else out.push(outcome("pass", `headless Service ${name} selects the pods`, object));
    }
    return out;
  },
};
