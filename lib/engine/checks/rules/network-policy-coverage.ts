import { dig, strings } from "../../util";
import type { K8sObject } from "../../types";
import { describe, isEmptySelector, toSelector } from "../helpers";
import type { CheckContext } from "../types";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

/**
 * Whether the policy isolates its pods' inbound traffic. policyTypes, when given, says so; without it the API
 * server defaults to Ingress (plus Egress when egress rules are present), so every such policy isolates
 * ingress.
 */
function isolatesIngress(np: K8sObject): boolean {
  const types = dig(np, "spec", "policyTypes");
  return types === undefined || strings(types).includes("Ingress");
}

/** Which workloads (or whole namespaces) some policy isolates, for ingress and for egress. */
function coverage(ctx: CheckContext) {
  // The pass message of the first policy selecting each workload, built once per policy.
  const selected = new Map<Workload, string>();
  // A policy with an empty podSelector covers its whole namespace: no need to list the pods.
  const wholeNamespace = new Map<string, string>();
  // Workloads (or whole namespaces) whose egress some policy isolates, for the pass message only.
  const egressSelected = new Set<Workload>();
  const egressNamespace = new Set<string>();
  for (const np of ctx.ofKind("NetworkPolicy")) {
    if (strings(dig(np, "spec", "policyTypes")).includes("Egress")) {
      const selector = toSelector(dig(np, "spec", "podSelector")) ?? {};
      if (isEmptySelector(selector)) egressNamespace.add(np.metadata.namespace ?? "");
      else for (const w of ctx.selectPodTemplates(np.metadata.namespace, selector)) egressSelected.add(w);
    }
    if (!isolatesIngress(np)) continue;
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
  return { selected, wholeNamespace, egressSelected, egressNamespace };
}

export const networkPolicyCoverage = defineCheck({
  id: "network-policy-coverage",
  title: "Workload pods are selected by a NetworkPolicy",
  category: "networking",
  severity: "medium",
  rationale:
    "Pods accept traffic from every other pod in the cluster until a NetworkPolicy selects them. One " +
    "compromised pod can then reach every database and internal API. Only policies isolating ingress count " +
    "(policyTypes including Ingress, or no policyTypes): an Egress-only policy leaves inbound traffic open. " +
    "Egress policies are not required: this check is about who can reach the pods, and default-deny egress " +
    "(DNS, APIs, telemetry) is a later hardening step; kube-score differs and also asks for an egress " +
    "policy per pod. The pass message says whether egress is isolated too.",
  remediation:
    "Add a default-deny policy per namespace (podSelector: {}) and allow the flows each workload needs.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/network-policies/"],
  scope: { type: "workload" },
  prepare: (ctx) => coverage(ctx),
  run(w, ctx) {
    const { selected, wholeNamespace, egressSelected, egressNamespace } = ctx.prepared;
    const passed = wholeNamespace.get(w.namespace ?? "") ?? selected.get(w);
    const egress = egressNamespace.has(w.namespace ?? "") || egressSelected.has(w);
    if (passed) ctx.pass(egress ? `${passed}; egress isolated too` : `${passed} (ingress only)`);
    else ctx.fail(`no NetworkPolicy in namespace ${w.namespace ?? "(unset)"} isolates these pods' ingress`);
  },
});
