import { num, recs, str } from "../../util";
import { matchesSelector, toSelector } from "../selectors";
import { defineCheck } from "../define";

const WHEN = new Set(["DoNotSchedule", "ScheduleAnyway"]);

export const topologySpreadValid = defineCheck({
  id: "topology-spread-valid",
  title: "Topology spread constraints are valid and count the workload's own pods",
  category: "reliability",
  severity: "medium",
  rationale:
    "A topology spread constraint only spreads the pods its labelSelector counts. Without a selector it " +
    "counts no pod and never spreads anything; with a selector that misses the pod template's labels it " +
    "balances some other workload's pods, not this one's. " +
    "maxSkew below 1, no topologyKey or a whenUnsatisfiable other than DoNotSchedule or ScheduleAnyway are " +
    "rejected by the API server. As kube-score's pod-topology-spread-constraints; whether the workload " +
    "spreads over zones at all is topology-spread-zones' concern.",
  remediation:
    "Give each constraint maxSkew: 1, a topologyKey (topology.kubernetes.io/zone or kubernetes.io/hostname), " +
    "whenUnsatisfiable, and a labelSelector with the pod template's own labels (or matchLabelKeys: " +
    "[pod-template-hash] for per-revision spreading).",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/"],
  scope: { type: "workload" },
  applies: (w) => recs(w.podSpec.topologySpreadConstraints).length > 0,
  run(w, ctx) {
    const problems: string[] = [];
    let first: number | undefined;
    const constraints = recs(w.podSpec.topologySpreadConstraints);
    for (let i = 0; i < constraints.length; i++) {
      const t = constraints[i] as Record<string, unknown>;
      const own: string[] = [];
      const skew = num(t.maxSkew);
      if (skew === undefined || skew < 1) own.push("maxSkew must be at least 1");
      if (!str(t.topologyKey)) own.push("no topologyKey");
      const when = str(t.whenUnsatisfiable);
      if (!when || !WHEN.has(when)) own.push(`whenUnsatisfiable ${when ?? "missing"}`);
      const selector = toSelector(t.labelSelector);
      if (!selector) own.push("no labelSelector: counts no pod");
      else if (!matchesSelector(w.podLabels, selector))
        own.push("labelSelector does not select the workload's own pods");
      if (own.length === 0) continue;
      first ??= i;
      problems.push(`[${i}] ${own.join(", ")}`);
    }
    const field = `topologySpreadConstraints[${first ?? 0}]`;
    if (problems.length > 0) ctx.fail(`topology spread constraint ${problems.join("; ")}`, { field });
    else
      ctx.pass(`${constraints.length} constraint(s) spread the workload's own pods`, {
        field: "topologySpreadConstraints",
      });
  },
});
