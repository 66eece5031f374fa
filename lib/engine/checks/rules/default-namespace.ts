import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_NAMESPACE = { path: "metadata.namespace" };

export const defaultNamespace: Check = {
  id: "default-namespace",
  title: "Workloads do not run in the default namespace",
  category: "operations",
  severity: "low",
  rationale:
    "The default namespace collects everything deployed without thought: RBAC, quotas, network policies and " +
    "ownership cannot be scoped to a team or application there.",
  remediation: "Deploy each application into its own namespace with its own quotas, policies and RBAC.",
  references: ["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      const object = refOf(w.object, AT_NAMESPACE);
      if (w.namespace === undefined) {
        out.push(outcome("skip", "namespace not set (chosen at deploy time)", object));
      } else if (w.namespace === "default") {
        out.push(outcome("fail", "runs in the default namespace", object));
      } else {
        out.push(outcome("pass", `namespace ${w.namespace}`, object));
      }
    }
    return out;
  },
};
