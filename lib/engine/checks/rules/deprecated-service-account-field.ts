import { str } from "../../util";
import { defineCheck } from "../define";

export const deprecatedServiceAccountField = defineCheck({
  id: "deprecated-service-account-field",
  title: "Pods name their service account with serviceAccountName",
  category: "lifecycle",
  severity: "low",
  rationale:
    "spec.serviceAccount is a deprecated alias of serviceAccountName. When both are set and differ, " +
    "serviceAccountName wins, so a reader (or a policy engine that reads the alias) believes the pod runs " +
    "under another identity than it does; set alone, it depends on a field kept only for compatibility. " +
    "The API server fills the alias in with the same value on every Pod it stores, so a live Pod with both " +
    "fields equal passes. As kube-linter's deprecated-service-account-field.",
  remediation: "Replace serviceAccount with serviceAccountName (same value) in the pod template.",
  references: ["https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/"],
  scope: { type: "workload" },
  run(w, ctx) {
    const alias = str(w.podSpec.serviceAccount);
    const name = str(w.podSpec.serviceAccountName);
    const at = { field: "serviceAccount" };
    if (alias === undefined || alias === "") ctx.pass("does not use the deprecated serviceAccount field");
    else if (name === undefined || name === "")
      ctx.fail(`names service account ${alias} with the deprecated serviceAccount field`, at);
    else if (name !== alias)
      ctx.fail(`serviceAccount ${alias} differs from serviceAccountName ${name} (which wins)`, at);
    else ctx.pass(`serviceAccount repeats serviceAccountName ${name}`, at);
  },
});
