import { ownSpreads, ZONE_KEYS } from "../helpers";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const topologySpreadZones: Check = {
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
  evaluate(ctx) {
    const singleZone = ctx.facts.nodeCount > 0 && ctx.facts.zones.length < 2;
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const replicas = ctx.replicaFloor(w) ?? 1;
      if (replicas < 2) continue;
      const object = refOf(w.object, { path: `${w.podSpecPath}.topologySpreadConstraints` });
      if (singleZone) {
        out.push(outcome("skip", "the cluster's nodes are in one zone", object));
        continue;
      }
      const spread = ownSpreads(w).find((s) => ZONE_KEYS.has(s.key));
      out.push(
        spread
          ? outcome("pass", `zone ${spread.how} of its own pods`, refOf(w.object, { path: spread.path }))
          : outcome("fail", `${replicas} replicas with no zone spread of its own pods`, object),
      );
    }
    return out;
  },
};
