import { defineCheck } from "../define";

const AT_NAMESPACE = { path: "metadata.namespace" };

export const defaultNamespace = defineCheck({
  id: "default-namespace",
  title: "Workloads do not run in the default namespace",
  category: "operations",
  severity: "low",
  rationale:
    "The default namespace collects everything deployed without thought: RBAC, quotas, network policies and " +
    "ownership cannot be scoped to a team or application there. Every object of a workload kind is judged by " +
    "its metadata alone, so a Deployment fragment without a spec is reported too.",
  remediation: "Deploy each application into its own namespace with its own quotas, policies and RBAC.",
  references: ["https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/"],
  // Metadata only: every object of a workload kind, a Deployment without a spec included.
  scope: { type: "workload", specless: true },
  run(w, ctx) {
    if (w.namespace === undefined) ctx.skip("namespace not set (chosen at deploy time)", AT_NAMESPACE);
    else if (w.namespace === "default") ctx.fail("runs in the default namespace", AT_NAMESPACE);
    else ctx.pass(`namespace ${w.namespace}`, AT_NAMESPACE);
  },
});
