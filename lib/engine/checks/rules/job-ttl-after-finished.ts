import { dig, num } from "../../util";
import { defineCheck } from "../define";

export const jobTtlAfterFinished = defineCheck({
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
  scope: { type: "workload" },
  applies: (w) => w.kind === "Job",
  run(w, ctx) {
    const ttl = num(dig(w.object, "spec", "ttlSecondsAfterFinished"));
    const at = { path: "spec.ttlSecondsAfterFinished" };
    if (ttl !== undefined) ctx.pass(`deleted ${ttl}s after finishing`, at);
    else ctx.fail("no ttlSecondsAfterFinished: finished pods pile up", at);
  },
});
