import { dig, str } from "../../util";
import { isEmptySelector, toMapSelector } from "../helpers";
import { matchesSelector } from "../selectors";
import { toWorkload } from "../workloads";
import { defineCheck } from "../define";

const AT_SERVICE_NAME = { path: "spec.serviceName" };

export const statefulsetServiceName = defineCheck({
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
  scope: { type: "kinds", kinds: ["StatefulSet"] },
  prepare: (ctx) => new Set(ctx.ofKind("Service").map((s) => s.metadata.namespace ?? "")),
  run(sts, ctx) {
    const ns = sts.metadata.namespace;
    const name = str(dig(sts, "spec", "serviceName"));
    if (!name) return ctx.fail("no spec.serviceName", AT_SERVICE_NAME);
    if (!ctx.prepared.has(ns ?? ""))
      return ctx.skip(`no Services of namespace ${ns ?? "(unset)"} in the snapshot`, AT_SERVICE_NAME);
    const svc = ctx.find("Service", ns, name);
    const selector = svc && toMapSelector(dig(svc, "spec", "selector"));
    const podLabels = toWorkload(sts)?.podLabels ?? {};
    if (!svc) ctx.fail(`Service ${name} not found`, AT_SERVICE_NAME);
    else if (dig(svc, "spec", "clusterIP") !== "None")
      ctx.fail(`Service ${name} is not headless (clusterIP: None)`, AT_SERVICE_NAME);
    else if (!selector || isEmptySelector(selector))
      ctx.fail(`Service ${name} has no selector, so it selects none of the pods`, AT_SERVICE_NAME);
    else if (!matchesSelector(podLabels, selector))
      ctx.fail(`Service ${name}'s selector does not match the pod template's labels`, AT_SERVICE_NAME);
    else ctx.pass(`headless Service ${name} selects the pods`, AT_SERVICE_NAME);
  },
});
