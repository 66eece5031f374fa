import { str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const priorityClass: Check = {
  id: "priority-class",
  title: "Long-running workloads set a priorityClassName",
  category: "reliability",
  severity: "low",
  rationale:
    "Without priority classes every pod has priority 0: under resource pressure the scheduler cannot evict " +
    "a batch job to place a production pod, and a noisy job can keep critical services pending.",
  remediation:
    "Define a few PriorityClasses (e.g. critical, default, batch) and set priorityClassName on each workload.",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Deployment" && w.kind !== "StatefulSet" && w.kind !== "DaemonSet") continue;
      const pc = str(w.podSpec.priorityClassName);
      const object = refOf(w.object, { path: `${w.podSpecPath}.priorityClassName` });
      out.push(
        pc
          ? outcome("pass", `priority class ${pc}`, object)
          : outcome("fail", "no priorityClassName", object),
      );
    }
    return out;
  },
};
