import { dig } from "../../util";
import { isEmptySelector, toSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_POD_SELECTOR = { path: "spec.podSelector" };

export const networkPolicyTargetsPods: Check = {
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
  evaluate(ctx) {
    const withWorkloads = new Set<string>();
    for (const w of ctx.workloads) withWorkloads.add(w.namespace ?? "");
    const out: Outcome[] = [];
    for (const np of ctx.ofKind("NetworkPolicy")) {
      const ns = np.metadata.namespace;
      const selector = toSelector(dig(np, "spec", "podSelector")) ?? {};
      const object = refOf(np, AT_POD_SELECTOR);
      if (isEmptySelector(selector)) {
        out.push(outcome("pass", "selects every pod of the namespace", object));
      } else if (!withWorkloads.has(ns ?? "")) {
        out.push(outcome("skip", "no workloads of this namespace in the snapshot", object));
      } else {
        const n = ctx.selectPodTemplates(ns, selector).length;
        out.push(
          n > 0
            ? outcome("pass", `selects ${n} pod template(s)`, object)
            : outcome("fail", "podSelector matches no pod", object),
        );
      }
    }
    return out;
  },
};
