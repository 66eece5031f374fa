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
    "a batch job to place a production pod, and a noisy job can keep critical services pending. Every " +
    "long-running workload is judged, bare Pods included (as kube-linter's priority-class-name does for " +
    "deployment-like objects and Polaris' priorityClassNotSet for any pod): a preempted bare Pod is never " +
    "recreated, so its priority matters more, not less (naked-pod reports the missing controller " +
    "separately). Jobs, CronJobs and Job-owned Pods are batch work and are not asked.",
  remediation:
    "Define a few PriorityClasses (e.g. critical, default, batch) and set priorityClassName on each workload.",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (!w.longRunning) continue;
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
