import type { Check } from "../types";
import { outcome } from "../outcome";

export const multipleZones: Check = {
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
  evaluate(ctx) {
    const { nodeCount, zones } = ctx.facts;
    if (nodeCount < 2 || zones.length === 0) return [];
    return [
      zones.length < 2
        ? outcome("fail", `all ${nodeCount} nodes are in zone ${zones[0] ?? "?"}`, null)
        : outcome("pass", `nodes in ${zones.length} zones: ${zones.join(", ")}`, null),
    ];
  },
};
