import { dig, num, str } from "../../util";
import { defineCheck } from "../define";

export const cronjobDeadlineConcurrency = defineCheck({
  id: "cronjob-deadline-concurrency",
  title: "CronJobs set startingDeadlineSeconds and a concurrencyPolicy",
  category: "operations",
  severity: "medium",
  rationale:
    "Without startingDeadlineSeconds a controller outage can make the CronJob stop scheduling for good " +
    "(after 100 missed runs) or start stale runs late; the default concurrencyPolicy Allow lets slow runs " +
    "overlap and compete for the same data and memory. The deadline and the concurrency policy are two " +
    "concerns, each with its own result.",
  remediation:
    "Set spec.startingDeadlineSeconds (e.g. a fraction of the interval) and spec.concurrencyPolicy: Forbid " +
    "or Replace.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/"],
  scope: { type: "kinds", kinds: ["CronJob"] },
  concerns: ["deadline", "concurrency"],
  run(cj, ctx) {
    const deadline = num(dig(cj, "spec", "startingDeadlineSeconds"));
    if (deadline === undefined)
      ctx.fail("no startingDeadlineSeconds", { path: "spec.startingDeadlineSeconds", concern: "deadline" });
    else
      ctx.pass(`startingDeadlineSeconds ${deadline}`, {
        path: "spec.startingDeadlineSeconds",
        concern: "deadline",
      });
    const policy = str(dig(cj, "spec", "concurrencyPolicy"));
    const at = { path: "spec.concurrencyPolicy", concern: "concurrency" };
    if (policy === undefined || policy === "Allow")
      ctx.fail(`concurrencyPolicy ${policy ?? "unset (Allow)"}`, at);
    else ctx.pass(`concurrencyPolicy ${policy}`, at);
  },
});
