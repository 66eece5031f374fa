import { dig, num } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const jobTtlAfterFinished: Check = {
  id: "job-ttl-after-finished",
  title: "Jobs are cleaned up after they finish",
  category: "operations",
  severity: "medium",
  rationale:
    "Finished Jobs and their pods stay in the API until someone deletes them. Failing jobs that retry leave " +
    "piles of terminated pods; operators have seen them slow the control plane down until automation timed " +
    "out and the masters ran out of CPU.",
  remediation:
    "Set spec.ttlSecondsAfterFinished on Jobs (CronJobs are cleaned through their history limits) and a " +
    "sensible backoffLimit.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (w.kind !== "Job") continue;
      const ttl = num(dig(w.object, "spec", "ttlSecondsAfterFinished"));
      const object = refOf(w.object, { path: "spec.ttlSecondsAfterFinished" });
      out.push(
        ttl !== undefined
          ? outcome("pass", `deleted ${ttl}s after finishing`, object)
          : outcome("fail", "no ttlSecondsAfterFinished: finished pods pile up", object),
      );
    }
    return out;
  },
};
