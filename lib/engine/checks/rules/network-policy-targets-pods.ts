import { dig } from "../../util";
import { isEmptySelector, toSelector } from "../helpers";
import { defineCheck } from "../define";

const AT_POD_SELECTOR = { path: "spec.podSelector" };

export const networkPolicyTargetsPods = defineCheck({
  id: "network-policy-targets-pods",
  title: "NetworkPolicies select at least one pod",
  category: "networking",
  severity: "medium",
  rationale:
    "A NetworkPolicy whose podSelector matches nothing protects nothing, usually after a label was renamed; " +
    "the intended isolation is silently gone. Namespaces without any workload in the snapshot are skipped.",
  remediation:
    "Fix spec.podSelector to match the labels of the pods it should protect, or delete the policy.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
  scope: { type: "kinds", kinds: ["NetworkPolicy"] },
  prepare: (ctx) => new Set(ctx.workloads.map((w) => w.namespace ?? "")),
  run(np, ctx) {
    const ns = np.metadata.namespace;
    const selector = toSelector(dig(np, "spec", "podSelector")) ?? {};
    if (isEmptySelector(selector)) return ctx.pass("selects every pod of the namespace", AT_POD_SELECTOR);
    if (!ctx.prepared.has(ns ?? ""))
      return ctx.skip("no workloads of this namespace in the snapshot", AT_POD_SELECTOR);
    const n = ctx.selectPodTemplates(ns, selector).length;
    if (n > 0) ctx.pass(`selects ${n} pod template(s)`, AT_POD_SELECTOR);
    else ctx.fail("podSelector matches no pod", AT_POD_SELECTOR);
  },
});
