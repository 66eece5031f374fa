import { str } from "../../util";
import { defineCheck } from "../define";

export const serviceAccountTokenAutomount = defineCheck({
  id: "service-account-token-automount",
  title: "Pods do not mount a service account token they do not need",
  category: "security",
  severity: "medium",
  rationale:
    "Every pod gets an API token mounted by default. Most applications never call the Kubernetes API, but " +
    "an attacker who gets into the container can use the token with whatever RBAC the account has.",
  remediation:
    "Set automountServiceAccountToken: false on the pod spec or its ServiceAccount; enable it only for " +
    "workloads that talk to the API server.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
  ],
  scope: { type: "workload" },
  run(w, ctx) {
    const at = { field: "automountServiceAccountToken" };
    const own = w.podSpec.automountServiceAccountToken;
    const saName = str(w.podSpec.serviceAccountName) ?? str(w.podSpec.serviceAccount) ?? "default";
    if (own === false) ctx.pass("token automount disabled on the pod", at);
    else if (
      own === undefined &&
      ctx.find("ServiceAccount", w.namespace, saName)?.automountServiceAccountToken === false
    )
      ctx.pass(`token automount disabled on ServiceAccount ${saName}`, at);
    else ctx.fail(`API token of ServiceAccount ${saName} is mounted`, at);
  },
});
