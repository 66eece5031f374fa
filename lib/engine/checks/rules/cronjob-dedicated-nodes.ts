import { arr, dig } from "../../util";
import { isScheduled } from "../workloads";
import { defineCheck } from "../define";

export const cronjobDedicatedNodes = defineCheck({
  id: "cronjob-dedicated-nodes",
  title: "CronJobs are scheduled away from serving workloads",
  category: "efficiency",
  severity: "medium",
  rationale:
    "A batch job placed on a node next to production services competes with them for memory; one team lost " +
    "the whole site to an ETL cron job that ran on a production node. After that they moved every cron job " +
    "to its own nodes. Passes when the pod template has a nodeSelector, node affinity or tolerations.",
  remediation:
    "Create a tainted node pool for batch work and give CronJobs a matching toleration plus a nodeSelector " +
    "or node affinity (and resource limits, see cronjob-resources).",
  references: ["https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/"],
  scope: { type: "workload" },
  applies: (w) => isScheduled(w),
  run(w, ctx) {
    const how = [
      w.podSpec.nodeSelector !== undefined ? "nodeSelector" : "",
      dig(w.podSpec, "affinity", "nodeAffinity") !== undefined ? "node affinity" : "",
      arr(w.podSpec.tolerations).length > 0 ? "tolerations" : "",
    ].filter(Boolean);
    const at = { path: w.podSpecPath };
    if (how.length > 0) ctx.pass(`placed with ${how.join(", ")}`, at);
    else ctx.fail("may run on any node, next to serving workloads", at);
  },
});
