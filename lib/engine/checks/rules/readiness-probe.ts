import { perContainer, regularContainers } from "../helpers";
import type { Check } from "../types";

export const readinessProbe: Check = {
  id: "readiness-probe",
  title: "Containers of long-running workloads define a readiness probe",
  category: "reliability",
  severity: "high",
  rationale:
    "Services send traffic to a pod as soon as its containers start unless a readiness probe says otherwise, " +
    "so every rollout and restart serves errors while the application is still warming up. Zero-downtime " +
    "deployments depend on readiness.",
  remediation:
    "Add a readinessProbe that succeeds only when the container can serve requests (for HTTP services an " +
    "endpoint that checks the app itself, not its downstream dependencies).",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
  ],
  evaluate: (ctx) =>
    perContainer(
      ctx,
      (w) => (w.longRunning ? regularContainers(w) : []),
      (_w, c) =>
        c.spec.readinessProbe
          ? { pass: "readiness probe defined" }
          : { fail: "no readiness probe", field: "readinessProbe" },
    ),
};
