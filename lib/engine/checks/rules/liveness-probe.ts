import { regularContainers } from "../helpers";
import { perContainer } from "../helpers";
import type { Check } from "../types";

export const livenessProbe: Check = {
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
  evaluate: (ctx) =>
    perContainer(
      ctx,
      (w) => (w.longRunning ? regularContainers(w) : []),
      (_w, c) =>
        c.spec.livenessProbe
          ? { pass: "liveness probe defined" }
          : { fail: "no liveness probe", field: "livenessProbe" },
    ),
};
