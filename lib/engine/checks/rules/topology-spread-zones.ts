import { dig, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const ZONE_KEYS = new Set(["topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone"]);

export const topologySpreadZones: Check = {
  id: "topology-spread-zones",
  title: "Replicated workloads spread over zones",
  category: "reliability",
  severity: "medium",
  rationale:
    "The scheduler may place every replica in one zone; a zone outage then takes the whole service down. " +
    "A topology spread constraint (or zone anti-affinity) keeps replicas apart. Skipped for clusters whose " +
    "nodes are all in one zone (see multiple-zones).",
  remediation:
    "Add topologySpreadConstraints with topologyKey topology.kubernetes.io/zone, maxSkew 1 and " +
    "whenUnsatisfiable ScheduleAnyway (or DoNotSchedule for strict spreading).",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
  evaluate(ctx) {
    const singleZone = ctx.facts.nodeCount > 0 && ctx.facts.zones.length < 2;
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      if ((w.replicas ?? 1) < 2) continue;
      const object = refOf(w.object, { path: `${w.podSpecPath}.topologySpreadConstraints` });
      if (singleZone) {
        out.push(outcome("skip", "the cluster's nodes are in one zone", object));
        continue;
      }
      const spread = recs(w.podSpec.topologySpreadConstraints).some((t) =>
        ZONE_KEYS.has(str(t.topologyKey) ?? ""),
      );
      const anti = [
        "requiredDuringSchedulingIgnoredDuringExecution",
        "preferredDuringSchedulingIgnoredDuringExecution",
      ].some((f) =>
        recs(dig(w.podSpec, "affinity", "podAntiAffinity", f)).some((t) =>
          ZONE_KEYS.has(str(t.topologyKey) ?? str(dig(t, "podAffinityTerm", "topologyKey")) ?? ""),
        ),
      );
      out.push(
        spread || anti
          ? outcome("pass", spread ? "zone topology spread" : "zone anti-affinity", object)
          : outcome("fail", `${w.replicas ?? 1} replicas with no zone spread`, object),
      );
    }
    return out;
  },
};
