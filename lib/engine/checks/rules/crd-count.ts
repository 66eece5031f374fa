import { z } from "zod";
import { defineCheck, param } from "../define";

export const CRD_LIMIT = 40;

export const crdCount = defineCheck({
  id: "crd-count",
  title: "The cluster keeps its custom resource definitions few",
  category: "lifecycle",
  severity: "low",
  rationale:
    "Every CRD is an operator to upgrade in step with Kubernetes, an API that can be deprecated, and more " +
    "for newcomers to learn; teams that ran clusters for years aimed for as few CRDs as possible and the " +
    `built-in resources wherever they fit. Fails above ${CRD_LIMIT} CRDs (a parameter).`,
  remediation:
    "Remove operators nobody uses; prefer built-in resources (Ingress/Gateway, Jobs) over custom ones.",
  references: ["https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/"],
  params: {
    maxCrds: param(z.number().int().min(0), CRD_LIMIT, "Most CustomResourceDefinitions that pass."),
  },
  scope: { type: "cluster" },
  applies: (_, ctx) => ctx.facts.customResourceDefinitionCount > 0,
  run(_, ctx) {
    const n = ctx.facts.customResourceDefinitionCount;
    const max = ctx.params.maxCrds;
    if (n > max) ctx.fail(`${n} CustomResourceDefinitions (more than ${max})`);
    else ctx.pass(`${n} CustomResourceDefinition(s)`);
  },
});
