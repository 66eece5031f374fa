import { dig, str } from "../../util";
import type { Check, Outcome } from "../types";
import { outcome } from "../outcome";

export const PILEUP_LIMIT = 20;

export const terminatedPodPileup: Check = {
  id: "terminated-pod-pileup",
  title: "Namespaces do not pile up finished pods",
  category: "operations",
  severity: "medium",
  rationale:
    "Jobs that keep failing leave a terminated pod per attempt; one team saw thousands of them slow the " +
    `control plane until automation timed out and master CPU maxed out. Fails above ${PILEUP_LIMIT} ` +
    "Succeeded/Failed pods in one namespace of a live snapshot.",
  remediation:
    "Set ttlSecondsAfterFinished on Jobs, history limits on CronJobs and backoffLimit on failing Jobs; " +
    "delete the finished pods.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/"],
  evaluate(ctx) {
    const byNs = new Map<string, { done: number; failed: number; total: number }>();
    for (const pod of ctx.ofKind("Pod")) {
      const phase = str(dig(pod, "status", "phase"));
      if (!phase) continue;
      const ns = pod.metadata.namespace ?? "";
      const e = byNs.get(ns) ?? { done: 0, failed: 0, total: 0 };
      e.total++;
      if (phase === "Succeeded") e.done++;
      if (phase === "Failed") e.failed++;
      byNs.set(ns, e);
    }
    const out: Outcome[] = [];
    for (const [ns, e] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
      const object = { apiVersion: "v1", kind: "Namespace", name: ns || "(none)" };
      const finished = e.done + e.failed;
      out.push(
        finished > PILEUP_LIMIT
          ? outcome("fail", `${finished} finished pods (${e.failed} failed) of ${e.total}`, object)
          : outcome("pass", `${finished} finished pod(s) of ${e.total}`, object),
      );
    }
    return out;
  },
};
