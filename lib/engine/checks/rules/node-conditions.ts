import { dig, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const PRESSURE = ["MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable"];

export const nodeConditions: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const node of ctx.ofKind("Node")) {
      const conditions = recs(dig(node, "status", "conditions"));
      if (conditions.length === 0) continue;
      const object = refOf(node, { path: "status.conditions" });
      const problems: string[] = [];
      for (const c of conditions) {
        const type = str(c.type);
        const status = str(c.status);
        if (type === "Ready" && status !== "True") problems.push(`Ready=${status ?? "?"}`);
        if (type && PRESSURE.includes(type) && status === "True") problems.push(type);
      }
      if (dig(node, "spec", "unschedulable") === true) problems.push("cordoned");
      out.push(
        problems.length > 0
          ? outcome("fail", problems.join(", "), object)
          : outcome("pass", "Ready, no pressure", object),
      );
    }
    return out;
  },
};
