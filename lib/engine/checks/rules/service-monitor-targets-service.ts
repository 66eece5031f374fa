import { dig, strings } from "../../util";
import type { K8sObject } from "../../types";
import { matchesSelector, toSelector } from "../selectors";
import { defineCheck } from "../define";

export const serviceMonitorTargetsService = defineCheck({
  id: "service-monitor-targets-service",
  title: "ServiceMonitors select at least one Service",
  category: "operations",
  severity: "medium",
  rationale:
    "A Prometheus Operator ServiceMonitor scrapes the endpoints of the Services it selects by label. One " +
    "that selects no Service scrapes nothing and raises no error: the dashboards go flat and the alerts " +
    "built on those metrics can never fire, which is found out during the incident they should have caught. " +
    "As kube-linter's dangling-servicemonitor. The namespaces searched are the monitor's own, or those of " +
    "spec.namespaceSelector (matchNames, or any); they are judged only when the snapshot holds Services " +
    "there.",
  remediation:
    "Make spec.selector match the labels on the Service (not on the pods), and spec.namespaceSelector name " +
    "the Service's namespace.",
  references: ["https://prometheus-operator.dev/docs/developer/getting-started/#using-servicemonitors"],
  scope: { type: "kinds", kinds: ["ServiceMonitor"] },
  prepare(ctx) {
    const byNs = new Map<string, K8sObject[]>();
    for (const s of ctx.ofKind("Service")) {
      const ns = s.metadata.namespace ?? "";
      const list = byNs.get(ns);
      if (list) list.push(s);
      else byNs.set(ns, [s]);
    }
    return byNs;
  },
  run(sm, ctx) {
    const selector = toSelector(dig(sm, "spec", "selector")) ?? {};
    const any = dig(sm, "spec", "namespaceSelector", "any") === true;
    const names = strings(dig(sm, "spec", "namespaceSelector", "matchNames"));
    const namespaces = any
      ? [...ctx.prepared.keys()]
      : names.length > 0
        ? names
        : [sm.metadata.namespace ?? ""];
    const services = namespaces.flatMap((ns) => ctx.prepared.get(ns) ?? []);
    const at = { path: "spec.selector" };
    if (services.length === 0) return ctx.skip("no Services of its namespaces in the snapshot", at);
    const hit = services.find((s) => matchesSelector(s.metadata.labels ?? {}, selector));
    if (hit) ctx.pass(`selects Service ${hit.metadata.namespace ?? ""}/${hit.metadata.name}`, at);
    else ctx.fail("selects no Service: nothing is scraped", at);
  },
});
