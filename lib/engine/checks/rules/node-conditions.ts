import { dig, recs, str } from "../../util";
import { defineCheck } from "../define";

const PRESSURE = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"];

export const nodeConditions = defineCheck({
  id: "node-conditions",
  title: "Nodes are Ready and under no resource pressure",
  category: "operations",
  severity: "high",
  rationale:
    "A NotReady node or one reporting memory, disk or PID pressure evicts pods and refuses new ones; the " +
    "cluster is running with less capacity than it thinks.",
  remediation:
    "Investigate the node (kubectl describe node), free disk or memory, fix the kubelet/runtime, or replace " +
    "the node; alert on these conditions.",
  references: ["https://kubernetes.io/docs/reference/node/node-status/#condition"],
  scope: { type: "kinds", kinds: ["Node"] },
  applies: (node) => recs(dig(node, "status", "conditions")).length > 0,
  run(node, ctx) {
    const problems: string[] = [];
    for (const c of recs(dig(node, "status", "conditions"))) {
      const type = str(c.type);
      const status = str(c.status);
      if (type === "Ready" && status !== "True") problems.push(`Ready=${status ?? "?"}`);
      if (type && PRESSURE.includes(type) && status === "True") problems.push(type);
    }
    if (dig(node, "spec", "unschedulable") === true) problems.push("cordoned");
    const at = { path: "status.conditions" };
    if (problems.length > 0) ctx.fail(problems.join(", "), at);
    else ctx.pass("Ready, no pressure", at);
  },
});
