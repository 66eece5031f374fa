import { HOSTNAME_KEY, ownSpreads, ZONE_KEYS } from "../helpers";
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
    "the replica count. Only a topology spread constraint or pod anti-affinity term that selects the " +
    "workload's own pods (matchLabels and matchExpressions are evaluated against the pod template's labels) " +
    "on a node or zone key (kubernetes.io/hostname, topology.kubernetes.io/zone or the legacy " +
    "failure-domain.beta.kubernetes.io/zone) counts: a term selecting other pods, or spreading over a custom " +
    "key, does not keep these replicas apart. Polaris and kube-score accept any anti-affinity; this is " +
    "stricter because a copied selector is the common way this protection silently breaks. The replica " +
    "count is the HPA's minReplicas when an HPA scales the workload.",
  remediation:
    "Add topologySpreadConstraints on kubernetes.io/hostname (and topology.kubernetes.io/zone) or a " +
    "preferred podAntiAffinity on the workload's own labels.",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const object = refOf(w.object, { path: `${w.podSpecPath}.affinity` });
      if ((ctx.replicaFloor(w) ?? 1) < 2) {
        out.push(outcome("skip", "fewer than two replicas", object));
        continue;
      }
      const spread = ownSpreads(w).find((s) => s.key === HOSTNAME_KEY || ZONE_KEYS.has(s.key));
      out.push(
        spread
          ? outcome(
              "pass",
              `${spread.how} of its own pods on ${spread.key}`,
              refOf(w.object, { path: spread.path }),
            )
          : outcome(
              "fail",
              "no topology spread or pod anti-affinity of its own pods over nodes or zones",
              object,
            ),
      );
    }
    return out;
  },
};
