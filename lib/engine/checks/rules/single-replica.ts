import { dig, num, str } from "../../util";
import type { Check, Outcome } from "../types";
import { objectKey, refOf } from "../workloads";
import { outcome } from "../outcome";

const AT_REPLICAS = { path: "spec.replicas" };

export const singleReplica: Check = {
  id: "single-replica",
  title: "Deployments and StatefulSets run more than one replica",
  category: "reliability",
  severity: "high",
  rationale:
    "A single replica goes down on every node drain, upgrade, eviction or crash. High availability and " +
    "zero-downtime rollouts need at least two replicas spread over nodes.",
  remediation:
    "Set spec.replicas ≥ 2 (or an HorizontalPodAutoscaler with minReplicas ≥ 2) and spread replicas with " +
    "topologySpreadConstraints or pod anti-affinity.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/deployment/"],
  evaluate(ctx) {
    // HPA minReplicas overrides spec.replicas; index HPAs by their target.
    const hpaMin = new Map<string, number>();
    for (const hpa of ctx.ofKind("HorizontalPodAutoscaler")) {
      const kind = str(dig(hpa, "spec", "scaleTargetRef", "kind"));
      const name = str(dig(hpa, "spec", "scaleTargetRef", "name"));
      if (kind && name) {
        hpaMin.set(objectKey(kind, hpa.metadata.namespace, name), num(dig(hpa, "spec", "minReplicas")) ?? 1);
      }
    }
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet") continue;
      const object = refOf(w.object, AT_REPLICAS);
      const min = hpaMin.size > 0 ? hpaMin.get(objectKey(w.kind, w.namespace, w.name)) : undefined;
      const replicas = min ?? w.replicas ?? 1;
      const source = min !== undefined ? "HPA minReplicas" : "replicas";
      if (min === undefined && replicas === 0) {
        out.push(outcome("skip", "scaled to zero", object));
      } else if (replicas < 2) {
        out.push(outcome("fail", `${source} ${replicas}: no redundancy`, object));
      } else {
        out.push(outcome("pass", `${source} ${replicas}`, object));
      }
    }
    return out;
  },
};
