import { dig, num, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const cronjobDeadlineConcurrency: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const cj of ctx.ofKind("CronJob")) {
      const problems: string[] = [];
      if (num(dig(cj, "spec", "startingDeadlineSeconds")) === undefined)
        problems.push("no startingDeadlineSeconds");
      const policy = str(dig(cj, "spec", "concurrencyPolicy"));
      if (policy === undefined || policy === "Allow")
        problems.push(`concurrencyPolicy ${policy ?? "unset (Allow)"}`);
      const object = refOf(cj, { path: "spec" });
      out.push(
        problems.length > 0
          ? outcome("fail", problems.join("; "), object)
          : outcome("pass", `concurrencyPolicy ${policy ?? "?"} with a starting deadline`, object),
      );
    }
    return out;
  },
};
