import { dig, num } from "../../util";
import { defineCheck } from "../define";

export const cronjobHistoryLimits = defineCheck({
  id: "cronjob-history-limits",
  title: "CronJobs set explicit job history limits",
  category: "operations",
  severity: "low",
  rationale:
    "History limits decide how many finished Jobs (and their pods) a CronJob keeps. Setting them explicitly " +
    "keeps terminated pods bounded and keeps enough failed runs around to debug.",
  remediation: "Set spec.successfulJobsHistoryLimit (e.g. 3) and spec.failedJobsHistoryLimit (e.g. 1–3).",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits"],
  scope: { type: "kinds", kinds: ["CronJob"] },
  run(cj, ctx) {
    const missing = ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"].filter(
      (f) => num(dig(cj, "spec", f)) === undefined,
    );
    const at = { path: "spec" };
    if (missing.length > 0) ctx.fail(`not set: ${missing.join(", ")}`, at);
    else ctx.pass("history limits set", at);
  },
});
