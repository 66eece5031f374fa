import { str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const defaultServiceAccount: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      const sa = str(w.podSpec.serviceAccountName) ?? str(w.podSpec.serviceAccount);
      const object = refOf(w.object, { path: `${w.podSpecPath}.serviceAccountName` });
      out.push(
        sa === undefined || sa === "" || sa === "default"
          ? outcome("fail", "uses the namespace's default service account", object)
          : outcome("pass", `service account ${sa}`, object),
      );
    }
    return out;
  },
};
