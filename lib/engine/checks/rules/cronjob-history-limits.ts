import { dig, num } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const cronjobHistoryLimits: Check = {
  id: "cronjob-history-limits",
  title: "CronJobs set explicit job history limits",
  category: "operations",
  severity: "low",
  rationale:
    "History limits decide how many finished Jobs (and their pods) a CronJob keeps. Setting them explicitly " +
    "keeps terminated pods bounded and keeps enough failed runs around to debug.",
  remediation: "Set spec.successfulJobsHistoryLimit (e.g. 3) and spec.failedJobsHistoryLimit (e.g. 1–3).",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#jobs-history-limits"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const cj of ctx.ofKind("CronJob")) {
      const missing = ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"].filter(
        (f) => num(dig(cj, "spec", f)) === undefined,
      );
      const object = refOf(cj, { path: "spec" });
      out.push(
        missing.length > 0
          ? outcome("fail", `not set: ${missing.join(", ")}`, object)
          : outcome("pass", "history limits set", object),
      );
    }
    return out;
  },
};
