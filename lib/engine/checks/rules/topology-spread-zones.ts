import { ownSpreads, ZONE_KEYS } from "../helpers";
import { isReplicated } from "../workloads";
import { defineCheck } from "../define";

export const topologySpreadZones = defineCheck({
  id: "topology-spread-zones",
  title: "Replicated workloads spread over zones",
  category: "reliability",
  severity: "medium",
  rationale:
    "The scheduler may place every replica in one zone; a zone outage then takes the whole service down. " +
    "A topology spread constraint (or zone anti-affinity) keeps replicas apart, but only when its selector " +
    "matches the workload's own pods and its key is a zone key (topology.kubernetes.io/zone or the legacy " +
    "failure-domain.beta.kubernetes.io/zone). Skipped for clusters whose nodes are all in one zone (see " +
    "multiple-zones). The replica count is the HPA's minReplicas when an HPA scales the workload.",
  remediation:
    "Add topologySpreadConstraints with topologyKey topology.kubernetes.io/zone, maxSkew 1, a labelSelector " +
    "matching the pod template's labels and whenUnsatisfiable ScheduleAnyway (or DoNotSchedule for strict " +
    "spreading).",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
  scope: { type: "workload" },
  applies: (w, ctx) => isReplicated(w) && (ctx.replicaFloor(w) ?? 1) >= 2,
  run(w, ctx) {
    const at = { field: "topologySpreadConstraints" };
    if (ctx.facts.nodeCount > 0 && ctx.facts.zones.length < 2)
      return ctx.skip("the cluster's nodes are in one zone", at);
    const spread = ownSpreads(w).find((s) => ZONE_KEYS.has(s.key));
    if (spread) ctx.pass(`zone ${spread.how} of its own pods`, { path: spread.path });
    else ctx.fail(`${ctx.replicaFloor(w) ?? 1} replicas with no zone spread of its own pods`, at);
  },
});
