import { dig, num, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

const BAD_WAITING = new Set([
  "CrashLoopBackOff",
  "ImagePullBackOff",
  "ErrImagePull",
  "CreateContainerConfigError",
  "InvalidImageName",
  "RunContainerError",
]);

export const podHealth: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const pod of ctx.ofKind("Pod")) {
      const status = pod.status;
      const phase = str(dig(pod, "status", "phase"));
      if (status === undefined || !phase) continue; // manifests carry no status
      const object = refOf(pod, { path: "status" });
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
      out.push(
        problems.length > 0
          ? outcome("fail", problems.join("; "), object)
          : outcome("pass", `phase ${phase}`, object),
      );
    }
    return out;
  },
};
