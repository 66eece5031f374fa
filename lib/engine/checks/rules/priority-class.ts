import { z } from "zod";
import { str } from "../../util";
import { defineCheck, param } from "../define";

export const priorityClass = defineCheck({
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
    "separately). Jobs, CronJobs and Job-owned Pods are batch work and are not asked. Teams that name their " +
    "own classes list them in the allowedClasses parameter; any other class then fails.",
  remediation:
    "Define a few PriorityClasses (e.g. critical, default, batch) and set priorityClassName on each workload.",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/"],
  params: {
    allowedClasses: param(
      z.array(z.string().min(1)),
      [] as string[],
      "Priority classes a workload may use; empty: any priorityClassName passes.",
    ),
  },
  scope: { type: "workload" },
  applies: (w) => w.longRunning,
  run(w, ctx) {
    const pc = str(w.podSpec.priorityClassName);
    const at = { field: "priorityClassName" };
    const allowed = ctx.params.allowedClasses;
    if (!pc) ctx.fail("no priorityClassName", at);
    else if (allowed.length > 0 && !allowed.includes(pc))
      ctx.fail(`priority class ${pc} is not one of the allowed ${allowed.join(", ")}`, at);
    else ctx.pass(`priority class ${pc}`, at);
  },
});
