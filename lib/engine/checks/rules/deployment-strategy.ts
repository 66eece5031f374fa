import { dig, str } from "../../util";
import { defineCheck } from "../define";

/** Resolves an int-or-percent rollout parameter against the replica count (percentages round down). */
function resolve(v: unknown, replicas: number, fallback: number): number {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+)%$/.exec(v.trim()) : null;
  return m ? Math.floor((Number(m[1]) * replicas) / 100) : fallback;
}

const AT_STRATEGY = { path: "spec.strategy" };

export const deploymentStrategy = defineCheck({
  id: "deployment-strategy",
  title: "Replicated Deployments roll out without taking every replica down",
  category: "reliability",
  severity: "medium",
  rationale:
    "The Recreate strategy, or a rolling update whose maxUnavailable covers all replicas, stops every pod " +
    "before new ones are ready, so each deploy is an outage. Recreate is right for single-writer volumes, " +
    "which is why single-replica Deployments are skipped. The replica count is the HPA's minReplicas when an " +
    "HPA scales the Deployment: at that floor a rollout must still keep a replica serving.",
  remediation:
    "Use RollingUpdate with maxUnavailable below the replica count (e.g. 0 or 25%) and maxSurge ≥ 1.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy"],
  scope: { type: "workload" },
  applies: (w, ctx) => w.kind === "Deployment" && (ctx.replicaFloor(w) ?? 1) >= 2,
  run(w, ctx) {
    const replicas = ctx.replicaFloor(w) ?? 1;
    const type = str(dig(w.object, "spec", "strategy", "type")) ?? "RollingUpdate";
    if (type === "Recreate")
      return ctx.fail(`Recreate stops all ${replicas} replicas on every rollout`, AT_STRATEGY);
    const maxUn = resolve(
      dig(w.object, "spec", "strategy", "rollingUpdate", "maxUnavailable"),
      replicas,
      Math.floor(replicas / 4),
    );
    if (maxUn >= replicas) ctx.fail(`maxUnavailable lets all ${replicas} replicas go at once`, AT_STRATEGY);
    else ctx.pass(`${type}, at most ${maxUn} of ${replicas} unavailable`, AT_STRATEGY);
  },
});
