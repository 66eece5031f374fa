import { z } from "zod";
import { dig, str } from "../../util";
import { defineCheck, param } from "../define";

export const PILEUP_LIMIT = 20;

export const terminatedPodPileup = defineCheck({
  id: "terminated-pod-pileup",
  title: "Namespaces do not pile up finished pods",
  category: "operations",
  severity: "medium",
  rationale:
    "Jobs that keep failing leave a terminated pod per attempt; one team saw thousands of them slow the " +
    `control plane until automation timed out and master CPU maxed out. Fails above ${PILEUP_LIMIT} ` +
    "Succeeded/Failed pods in one namespace of a live snapshot (a parameter).",
  remediation:
    "Set ttlSecondsAfterFinished on Jobs, history limits on CronJobs and backoffLimit on failing Jobs; " +
    "delete the finished pods.",
  references: ["https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/"],
  params: {
    maxFinishedPods: param(
      z.number().int().min(0),
      PILEUP_LIMIT,
      "Most finished (Succeeded or Failed) pods one namespace may hold.",
    ),
  },
  // One result per namespace of the live snapshot's pods, about the Namespace itself.
  scope: { type: "cluster" },
  run(_, ctx) {
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
    for (const [ns, e] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
      const object = { apiVersion: "v1", kind: "Namespace", name: ns || "(none)" };
      const finished = e.done + e.failed;
      if (finished > ctx.params.maxFinishedPods)
        ctx.fail(`${finished} finished pods (${e.failed} failed) of ${e.total}`, { object });
      else ctx.pass(`${finished} finished pod(s) of ${e.total}`, { object });
    }
  },
});
