import { str } from "../../util";
import type { K8sObject } from "../../types";
import { defineCheck } from "../define";

function namesByNamespace(objects: readonly K8sObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of objects) {
    const ns = o.metadata.namespace ?? "";
    const names = out.get(ns);
    if (names) names.add(o.metadata.name);
    else out.set(ns, new Set([o.metadata.name]));
  }
  return out;
}

export const serviceAccountExists = defineCheck({
  id: "service-account-exists",
  title: "Pods run under a ServiceAccount that exists",
  category: "reliability",
  severity: "high",
  rationale:
    "The API server refuses to create a pod whose service account does not exist: the ReplicaSet or Job " +
    "reports FailedCreate and no pod starts, which often shows up only when a namespace is rebuilt or a " +
    "chart's ServiceAccount template is switched off. As kube-linter's non-existent-service-account; since " +
    "a snapshot may leave ServiceAccounts out, only namespaces where it holds at least one ServiceAccount " +
    "are judged, and the default account, created with every namespace, always exists.",
  remediation:
    "Create the ServiceAccount with the workload (in the same manifest or chart), or point " +
    "serviceAccountName at one that exists.",
  references: ["https://kubernetes.io/docs/concepts/security/service-accounts/"],
  scope: { type: "workload" },
  prepare: (ctx) => namesByNamespace(ctx.ofKind("ServiceAccount")),
  applies: (w, ctx) => ctx.prepared.has(w.namespace ?? ""),
  run(w, ctx) {
    const name = str(w.podSpec.serviceAccountName) || str(w.podSpec.serviceAccount) || "default";
    const at = { field: "serviceAccountName" };
    if (name === "default") ctx.pass("default service account (created with the namespace)", at);
    else if (ctx.prepared.get(w.namespace ?? "")?.has(name)) ctx.pass(`ServiceAccount ${name} exists`, at);
    else ctx.fail(`ServiceAccount ${name} is not in the snapshot: no pod can be created`, at);
  },
});
