import { dig, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

/** Resolves an int-or-percent rollout parameter against the replica count (percentages round down). */
function resolve(v: unknown, replicas: number, fallback: number): number {
  if (typeof v === "number") return v;
  const m = typeof v === "string" ? /^(\d+)%$/.exec(v.trim()) : null;
  return m ? Math.floor((Number(m[1]) * replicas) / 100) : fallback;
}

export const deploymentStrategy: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment") continue;
      const replicas = ctx.replicaFloor(w) ?? 1;
      if (replicas < 2) continue;
      const type = str(dig(w.object, "spec", "strategy", "type")) ?? "RollingUpdate";
      const object = refOf(w.object, { path: "spec.strategy" });
      if (type === "Recreate") {
        out.push(outcome("fail", `Recreate stops all ${replicas} replicas on every rollout`, object));
        continue;
      }
      const maxUn = resolve(
        dig(w.object, "spec", "strategy", "rollingUpdate", "maxUnavailable"),
        replicas,
        Math.floor(replicas / 4),
      );
      out.push(
        maxUn >= replicas
          ? outcome("fail", `maxUnavailable lets all ${replicas} replicas go at once`, object)
          : outcome("pass", `${type}, at most ${maxUn} of ${replicas} unavailable`, object),
      );
    }
    return out;
  },
};
