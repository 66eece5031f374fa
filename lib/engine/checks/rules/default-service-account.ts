import { str } from "../../util";
import { defineCheck } from "../define";

export const defaultServiceAccount = defineCheck({
  id: "default-service-account",
  title: "Workloads run under their own service account",
  category: "security",
  severity: "low",
  rationale:
    "Every pod that names no service account shares the namespace's default one, so a permission granted " +
    "for one workload silently reaches all the others, and audit logs cannot tell them apart.",
  remediation:
    "Create a ServiceAccount per workload, set spec.serviceAccountName, and bind only the roles it needs.",
  references: ["https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"],
  scope: { type: "workload" },
  run(w, ctx) {
    const sa = str(w.podSpec.serviceAccountName) ?? str(w.podSpec.serviceAccount);
    const at = { field: "serviceAccountName" };
    if (sa === undefined || sa === "" || sa === "default")
      ctx.fail("uses the namespace's default service account", at);
    else ctx.pass(`service account ${sa}`, at);
  },
});
