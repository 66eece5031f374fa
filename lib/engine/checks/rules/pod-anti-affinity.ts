import { HOSTNAME_KEY, ownSpreads, ZONE_KEYS } from "../helpers";
import { isReplicated } from "../workloads";
import { defineCheck } from "../define";

export const podAntiAffinity = defineCheck({
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
  scope: { type: "workload" },
  applies: (w, ctx) =>
    !isReplicated(w) ? false : (ctx.replicaFloor(w) ?? 1) < 2 ? "fewer than two replicas" : true,
  run(w, ctx) {
    const spread = ownSpreads(w).find((s) => s.key === HOSTNAME_KEY || ZONE_KEYS.has(s.key));
    if (spread) ctx.pass(`${spread.how} of its own pods on ${spread.key}`, { path: spread.path });
    else
      ctx.fail("no topology spread or pod anti-affinity of its own pods over nodes or zones", {
        field: "affinity",
      });
  },
});
