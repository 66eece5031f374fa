import { defineCheck } from "../define";

export const multipleNodes = defineCheck({
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
  scope: { type: "cluster" },
  applies: (_, ctx) => ctx.facts.nodeCount > 0,
  run(_, ctx) {
    const n = ctx.facts.nodeCount;
    if (n < 2) ctx.fail("a single node: any node failure is a full outage");
    else ctx.pass(`${n} nodes`);
  },
});
