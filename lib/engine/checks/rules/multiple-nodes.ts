import type { Check } from "../types";
import { outcome } from "../outcome";

export const multipleNodes: Check = {
  id: "multiple-nodes",
  title: "The cluster has more than one node",
  category: "reliability",
  severity: "high",
  rationale:
    "On a single node every upgrade, kernel patch or hardware fault is a full outage, and replicas, PDBs " +
    "and anti-affinity cannot help. Evaluated only when the snapshot contains Node objects.",
  remediation:
    "Run at least three nodes (two for workloads plus headroom to drain one) or use a managed node pool.",
  references: ["https://kubernetes.io/docs/setup/best-practices/cluster-large/"],
  evaluate(ctx) {
    const n = ctx.facts.nodeCount;
    if (n === 0) return [];
    return [
      n < 2
        ? outcome("fail", "a single node: any node failure is a full outage", null)
        : outcome("pass", `${n} nodes`, null),
    ];
  },
};
