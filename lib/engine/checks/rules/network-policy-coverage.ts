import { dig } from "../../util";
import { describe, isEmptySelector, toSelector } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf, type Workload } from "../workloads";
import { outcome } from "../outcome";

export const networkPolicyCoverage: Check = {
  id: "network-policy-coverage",
  title: "Workload pods are selected by a NetworkPolicy",
  category: "networking",
  severity: "medium",
  rationale:
    "Pods accept traffic from every other pod in the cluster until a NetworkPolicy selects them. One " +
    "compromised pod can then reach every database and internal API.",
  remediation:
    "Add a default-deny policy per namespace (podSelector: {}) and allow the flows each workload needs.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
  evaluate(ctx) {
    // The pass message of the first policy selecting each workload, built once per policy.
    const selected = new Map<Workload, string>();
    // A policy with an empty podSelector covers its whole namespace: no need to list the pods.
    const wholeNamespace = new Map<string, string>();
    for (const np of ctx.ofKind("NetworkPolicy")) {
      const selector = toSelector(dig(np, "spec", "podSelector")) ?? {};
      const ns = np.metadata.namespace ?? "";
      if (isEmptySelector(selector)) {
        if (!wholeNamespace.has(ns)) wholeNamespace.set(ns, `selected by ${describe(np)}`);
        continue;
      }
      if (wholeNamespace.has(ns)) continue;
      let message: string | undefined;
      for (const w of ctx.selectPodTemplates(np.metadata.namespace, selector)) {
        if (!selected.has(w)) selected.set(w, (message ??= `selected by ${describe(np)}`));
      }
    }
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      const object = refOf(w.object);
      const passed = wholeNamespace.get(w.namespace ?? "") ?? selected.get(w);
      out.push(
        passed
          ? outcome("pass", passed, object)
          : outcome(
              "fail",
              `no NetworkPolicy in namespace ${w.namespace ?? "(unset)"} selects these pods`,
              object,
            ),
      );
    }
    return out;
  },
};
