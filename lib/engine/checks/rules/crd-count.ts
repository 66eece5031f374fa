import type { Check } from "../types";
import { outcome } from "../outcome";

export const CRD_LIMIT = 40;

export const crdCount: Check = {
  id: "crd-count",
  title: "The cluster keeps its custom resource definitions few",
  category: "lifecycle",
  severity: "low",
  rationale:
    "Every CRD is an operator to upgrade in step with Kubernetes, an API that can be deprecated, and more " +
    "for newcomers to learn; teams that ran clusters for years aimed for as few CRDs as possible and the " +
    `built-in resources wherever they fit. Fails above ${CRD_LIMIT} CRDs.`,
  remediation:
    "Remove operators nobody uses; prefer built-in resources (Ingress/Gateway, Jobs) over custom ones.",
  references: ["https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/"],
  evaluate(ctx) {
    const n = ctx.facts.customResourceDefinitionCount;
    if (n === 0) return [];
    return [
      n > CRD_LIMIT
        ? outcome("fail", `${n} CustomResourceDefinitions (more than ${CRD_LIMIT})`, null)
        : outcome("pass", `${n} CustomResourceDefinition(s)`, null),
    ];
  },
};
