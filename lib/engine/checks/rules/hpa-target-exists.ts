import { dig, str } from "../../util";
import { defineCheck } from "../define";

export const hpaTargetExists = defineCheck({
  id: "hpa-target-exists",
  title: "HorizontalPodAutoscalers point at an existing workload",
  category: "reliability",
  severity: "high",
  rationale:
    "An autoscaler whose scaleTargetRef names a workload that does not exist (renamed, deleted, wrong kind) " +
    "scales nothing; the service looks protected against peaks but is not.",
  remediation: "Fix spec.scaleTargetRef (apiVersion, kind, name) or delete the stale autoscaler.",
  references: ["https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/"],
  scope: { type: "kinds", kinds: ["HorizontalPodAutoscaler"] },
  run(hpa, ctx) {
    const kind = str(dig(hpa, "spec", "scaleTargetRef", "kind"));
    const name = str(dig(hpa, "spec", "scaleTargetRef", "name"));
    const at = { path: "spec.scaleTargetRef" };
    if (!kind || !name) ctx.fail("scaleTargetRef has no kind or name", at);
    else if (ctx.find(kind, hpa.metadata.namespace, name)) ctx.pass(`targets ${kind} ${name}`, at);
    // A partial export (only HPAs) cannot tell a missing target from an unexported one.
    else if (!ctx.hasKind(kind)) ctx.skip(`snapshot contains no ${kind} objects`, at);
    else ctx.fail(`target ${kind} ${name} does not exist`, at);
  },
});
