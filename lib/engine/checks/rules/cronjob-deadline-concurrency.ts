import { dig, num, str } from "../../util";
import { defineCheck } from "../define";

const AT_SPEC = { path: "spec" };

export const cronjobDeadlineConcurrency = defineCheck({
  id: "cronjob-deadline-concurrency",
  title: "CronJobs set startingDeadlineSeconds and a concurrencyPolicy",
  category: "operations",
  severity: "medium",
  rationale:
    "Without startingDeadlineSeconds a controller outage can make the CronJob stop scheduling for good " +
    "(after 100 missed runs) or start stale runs late; the default concurrencyPolicy Allow lets slow runs " +
    "overlap and compete for the same data and memory.",
  remediation:
    "Set spec.startingDeadlineSeconds (e.g. a fraction of the interval) and spec.concurrencyPolicy: Forbid " +
    "or Replace.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/"],
  scope: { type: "kinds", kinds: ["CronJob"] },
  run(cj, ctx) {
    const problems: string[] = [];
    if (num(dig(cj, "spec", "startingDeadlineSeconds")) === undefined)
      problems.push("no startingDeadlineSeconds");
    const policy = str(dig(cj, "spec", "concurrencyPolicy"));
    if (policy === undefined || policy === "Allow")
      problems.push(`concurrencyPolicy ${policy ?? "unset (Allow)"}`);
    if (problems.length > 0) ctx.fail(problems.join("; "), AT_SPEC);
    else ctx.pass(`concurrencyPolicy ${policy ?? "?"} with a starting deadline`, AT_SPEC);
  },
});
