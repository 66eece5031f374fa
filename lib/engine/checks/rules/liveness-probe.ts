import { defineCheck } from "../define";

export const livenessProbe = defineCheck({
  id: "liveness-probe",
  title: "Containers of long-running workloads define a liveness probe",
  category: "reliability",
  severity: "medium",
  rationale:
    "Without a liveness probe the kubelet only restarts a container when its process exits; a deadlocked or " +
    "wedged process keeps receiving traffic and is never recovered automatically.",
  remediation:
    "Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails only when a restart would help. Keep it " +
    "cheaper and more tolerant than the readiness probe, and pair it with a startupProbe for slow starters.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
  ],
  scope: { type: "container", containers: "regular" },
  applies: (c) => c.workload.longRunning,
  run(c, ctx) {
    if (c.spec.livenessProbe) ctx.pass("liveness probe defined");
    else ctx.fail("no liveness probe", { field: "livenessProbe" });
  },
});
