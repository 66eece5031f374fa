import { resources } from "../helpers";
import { dig } from "../../util";
import { isScheduled } from "../workloads";
import { defineCheck } from "../define";

export const cronjobResources = defineCheck({
  id: "cronjob-resources",
  title: "CronJobs set memory and CPU limits",
  category: "efficiency",
  severity: "high",
  rationale:
    "Batch jobs (ETL, reports, backups) grow with data. One reported outage came from a cron job that was " +
    "scheduled next to production services and used so much memory that it crashed them and took the site " +
    "down. Limits contain a job; dedicated nodes keep it away from serving workloads.",
  remediation:
    "Set resources.requests and resources.limits (cpu and memory) on every CronJob container, and schedule " +
    "batch work on dedicated nodes with a nodeSelector/affinity plus a matching taint.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/"],
  scope: { type: "container", containers: "runtime" },
  applies: (c) => isScheduled(c.workload),
  run(c, ctx) {
    const w = c.workload;
    const pinned =
      w.podSpec.nodeSelector !== undefined || dig(w.podSpec, "affinity", "nodeAffinity") !== undefined;
    const lim = resources(c, "limits");
    const missing = ["memory", "cpu"].filter((r) => lim[r] === undefined);
    const hint = pinned ? "" : "; also not pinned to dedicated nodes";
    if (missing.length > 0)
      ctx.fail(`no ${missing.join(" or ")} limit${hint}`, { field: "resources.limits" });
    else ctx.pass(`limits set${hint}`);
  },
});
