import { sameJson } from "../../util";
import { defineCheck } from "../define";

export const probesIdentical = defineCheck({
  id: "probes-identical",
  title: "Liveness and readiness probes differ",
  category: "reliability",
  severity: "medium",
  rationale:
    "With identical probes, a pod that is merely busy fails both at once: instead of just taking it out of " +
    "the Service, the kubelet restarts it, turning overload into a restart storm across replicas.",
  remediation:
    "Make the liveness probe cheaper and more tolerant (a plain process check, higher failureThreshold) " +
    "than the readiness probe, which may check dependencies.",
  references: ["https://github.com/zegl/kube-score/blob/master/README_PROBES.md"],
  scope: { type: "container", containers: "regular" },
  applies: (c) => (c.spec.livenessProbe && c.spec.readinessProbe ? true : "not both probes"),
  run(c, ctx) {
    // Key order in the manifest does not matter.
    if (sameJson(c.spec.livenessProbe, c.spec.readinessProbe))
      ctx.fail("liveness probe is identical to the readiness probe", { field: "livenessProbe" });
    else ctx.pass("probes differ");
  },
});
