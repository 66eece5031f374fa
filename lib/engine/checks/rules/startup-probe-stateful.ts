import { perContainer, regularContainers } from "../helpers";
import type { Check } from "../types";

export const startupProbeStateful: Check = {
  id: "startup-probe-stateful",
  title: "StatefulSets with a liveness probe also define a startup probe",
  category: "reliability",
  severity: "medium",
  rationale:
    "Stateful applications (brokers, databases) can take many minutes to recover on start, e.g. while " +
    "rebuilding corrupted indices after a crash. A liveness probe tuned for steady state kills them during " +
    "that recovery, over and over, so they never come back.",
  remediation:
    "Add a startupProbe with a generous failureThreshold × periodSeconds covering the worst recovery time; the " +
    "liveness probe only starts once the startup probe has succeeded.",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-startup-probes",
  ],
  evaluate: (ctx) =>
    perContainer(
      ctx,
      (w) => (w.kind === "StatefulSet" ? regularContainers(w) : []),
      (_w, c) => {
        if (!c.spec.livenessProbe) return { skip: "no liveness probe" };
        return c.spec.startupProbe
          ? { pass: "startup probe protects the start-up phase" }
          : { fail: "liveness probe without a startup probe", field: "startupProbe" };
      },
    ),
};
