import { defineCheck } from "../define";

export const namespaceQuotas = defineCheck({
  id: "namespace-quotas",
  title: "Namespaces with workloads have a ResourceQuota and a LimitRange",
  category: "efficiency",
  severity: "low",
  rationale:
    "Limit ranges give containers default requests and limits, and quotas cap what one team or job can " +
    "take. Set them from the start: retrofitting them onto a busy cluster breaks deployments.",
  remediation:
    "Add a LimitRange with default requests/limits and a ResourceQuota to each application namespace.",
  references: [
    "https://kubernetes.io/docs/concepts/policy/limit-range/",
    "https://kubernetes.io/docs/concepts/policy/resource-quotas/",
  ],
  // One result per namespace with workloads (kube-* left out), about the Namespace itself.
  scope: { type: "cluster" },
  run(_, ctx) {
    const withQuota = new Set(ctx.ofKind("ResourceQuota").map((o) => o.metadata.namespace ?? ""));
    const withLimits = new Set(ctx.ofKind("LimitRange").map((o) => o.metadata.namespace ?? ""));
    const namespaces = new Set<string>();
    for (const w of ctx.workloads)
      if (w.namespace && !w.namespace.startsWith("kube-")) namespaces.add(w.namespace);
    for (const ns of [...namespaces].sort()) {
      const object = { apiVersion: "v1", kind: "Namespace", name: ns };
      const missing = [
        withQuota.has(ns) ? "" : "ResourceQuota",
        withLimits.has(ns) ? "" : "LimitRange",
      ].filter(Boolean);
      if (missing.length > 0) ctx.fail(`namespace ${ns} has no ${missing.join(" or ")}`, { object });
      else ctx.pass(`namespace ${ns} has a quota and a limit range`, { object });
    }
  },
});
