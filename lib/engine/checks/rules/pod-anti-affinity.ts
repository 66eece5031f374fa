import { arr, dig } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const podAntiAffinity: Check = {
  id: "pod-anti-affinity",
  title: "Replicas are spread across nodes or zones",
  category: "reliability",
  severity: "low",
  rationale:
    "The scheduler may place all replicas on one node; losing that node then loses the service despite " +
    "the replica count.",
  remediation:
    "Add topologySpreadConstraints on kubernetes.io/hostname (and topology.kubernetes.io/zone) or a " +
    "preferred podAntiAffinity on the workload's own labels.",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const object = refOf(w.object, { path: `${w.podSpecPath}.affinity` });
      if ((w.replicas ?? 1) < 2) {
        out.push(outcome("skip", "fewer than two replicas", object));
        continue;
      }
      const spread = arr(w.podSpec.topologySpreadConstraints).length > 0;
      const anti = dig(w.podSpec, "affinity", "podAntiAffinity") !== undefined;
      out.push(
        spread || anti
          ? outcome("pass", spread ? "topology spread constraints set" : "pod anti-affinity set", object)
          : outcome("fail", "no topology spread or pod anti-affinity", object),
      );
    }
    return out;
  },
};
