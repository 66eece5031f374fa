import { sameJson } from "../../util";
import { perContainer, regularContainers } from "../helpers";
import type { Check } from "../types";

export const probesIdentical: Check = {
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
  evaluate: (ctx) =>
    perContainer(ctx, regularContainers, (_w, c) => {
      if (!c.spec.livenessProbe || !c.spec.readinessProbe) return { skip: "not both probes" };
      // Key order in the manifest does not matter.
      return sameJson(c.spec.livenessProbe, c.spec.readinessProbe)
        ? { fail: "liveness probe is identical to the readiness probe", field: "livenessProbe" }
        : { pass: "probes differ" };
    }),
};
