import { dig, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const hpaTargetExists: Check = {
  id: "hpa-target-exists",
  title: "HorizontalPodAutoscalers point at an existing workload",
  category: "reliability",
  severity: "high",
  rationale:
    "An autoscaler whose scaleTargetRef names a workload that does not exist (renamed, deleted, wrong kind) " +
    "scales nothing; the service looks protected against peaks but is not.",
  remediation: "Fix spec.scaleTargetRef (apiVersion, kind, name) or delete the stale autoscaler.",
  references: ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const hpa of ctx.ofKind("HorizontalPodAutoscaler")) {
      const kind = str(dig(hpa, "spec", "scaleTargetRef", "kind"));
      const name = str(dig(hpa, "spec", "scaleTargetRef", "name"));
      const object = refOf(hpa, { path: "spec.scaleTargetRef" });
      if (!kind || !name) {
        out.push(outcome("fail", "scaleTargetRef has no kind or name", object));
      } else if (ctx.find(kind, hpa.metadata.namespace, name)) {
        out.push(outcome("pass", `targets ${kind} ${name}`, object));
      } else if (!ctx.hasKind(kind)) {
        // A partial export (only HPAs) cannot tell a missing target from an unexported one.
        out.push(outcome("skip", `snapshot contains no ${kind} objects`, object));
      } else {
        out.push(outcome("fail", `target ${kind} ${name} does not exist`, object));
      }
    }
    return out;
  },
};
