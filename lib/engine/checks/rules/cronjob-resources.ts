import { resources, runtimeContainers } from "../helpers";
import { dig } from "../../util";
import type { Check, Outcome } from "../types";
import { containerRef } from "../workloads";
import { outcome } from "../outcome";

export const cronjobResources: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "CronJob") continue;
      const pinned =
        w.podSpec.nodeSelector !== undefined || dig(w.podSpec, "affinity", "nodeAffinity") !== undefined;
      for (const c of runtimeContainers(w)) {
        const lim = resources(c, "limits");
        const missing = ["memory", "cpu"].filter((r) => lim[r] === undefined);
        const hint = pinned ? "" : "; also not pinned to dedicated nodes";
        out.push(
          missing.length > 0
            ? outcome(
                "fail",
                `no ${missing.join(" or ")} limit${hint}`,
                containerRef(w, c, "resources.limits"),
              )
            : outcome("pass", `limits set${hint}`, containerRef(w, c)),
        );
      }
    }
    return out;
  },
};
