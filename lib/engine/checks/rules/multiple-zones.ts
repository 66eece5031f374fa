import { defineCheck } from "../define";

export const multipleZones = defineCheck({
  id: "multiple-zones",
  title: "Nodes span more than one zone",
  category: "reliability",
  severity: "medium",
  rationale:
    "Nodes in one zone share its power, network and control plane fate: a zone outage stops everything " +
    "however many replicas run. Evaluated only for snapshots with several nodes carrying zone labels.",
  remediation:
    "Spread node pools over at least two (ideally three) zones and add zone topology spread constraints.",
  references: ["https://kubernetes.io/docs/setup/best-practices/multiple-zones/"],
  scope: { type: "cluster" },
  applies: (_, ctx) => ctx.facts.nodeCount >= 2 && ctx.facts.zones.length > 0,
  run(_, ctx) {
    const { nodeCount, zones } = ctx.facts;
    if (zones.length < 2) ctx.fail(`all ${nodeCount} nodes are in zone ${zones[0] ?? "?"}`);
    else ctx.pass(`nodes in ${zones.length} zones: ${zones.join(", ")}`);
  },
});
