import { dig, num, recs, str } from "../../util";
import { defineCheck } from "../define";

const BAD_WAITING = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "CreateContainerConfigError",
  "InvalidImageName",
  "RunContainerError",
]);

export const podHealth = defineCheck({
  id: "pod-health",
  title: "Pods are not crash-looping, OOM-killed or failed",
  category: "reliability",
  severity: "high",
  rationale:
    "In a live snapshot, pods stuck in CrashLoopBackOff or image pull errors, containers killed for running " +
    "out of memory and piles of failed pods show problems that are happening now.",
  remediation:
    "Inspect with kubectl describe pod / kubectl logs --previous; raise memory limits for OOMKilled " +
    "containers; fix images and configuration; clean up failed pods and set Job TTLs.",
  references: ["https://kubernetes.io/docs/tasks/debug/debug-application/debug-pods/"],
  scope: { type: "kinds", kinds: ["Pod"] },
  // Manifests carry no status.
  applies: (pod) => pod.status !== undefined && !!str(dig(pod, "status", "phase")),
  run(pod, ctx) {
    const phase = str(dig(pod, "status", "phase"));
    const problems: string[] = [];
    if (phase === "Failed")
      problems.push(
        `phase Failed${str(dig(pod, "status", "reason")) ? ` (${str(dig(pod, "status", "reason"))})` : ""}`,
      );
    const statuses = [
      ...recs(dig(pod, "status", "initContainerStatuses")),
      ...recs(dig(pod, "status", "containerStatuses")),
    ];
    for (const cs of statuses) {
      const name = str(cs.name) ?? "?";
      const waiting = str(dig(cs, "state", "waiting", "reason"));
      if (waiting && BAD_WAITING.has(waiting)) problems.push(`${name}: ${waiting}`);
      const terminated = [
        str(dig(cs, "state", "terminated", "reason")),
        str(dig(cs, "lastState", "terminated", "reason")),
      ];
      if (terminated.includes("OOMKilled")) problems.push(`${name}: OOMKilled`);
      const restarts = num(cs.restartCount) ?? 0;
      if (restarts >= 10 && !waiting) problems.push(`${name}: ${restarts} restarts`);
    }
    const at = { path: "status" };
    if (problems.length > 0) ctx.fail(problems.join("; "), at);
    else ctx.pass(`phase ${phase}`, at);
  },
});
