import { arr } from "../../util";
import { defineCheck } from "../define";

export const readinessProbe = defineCheck({
  id: "readiness-probe",
  title: "Long-running pods gate traffic on a readiness probe",
  category: "reliability",
  severity: "high",
  rationale:
    "Services send traffic to a pod as soon as its containers start unless a readiness probe says otherwise, " +
    "so every rollout and restart serves errors while the application is still warming up. Zero-downtime " +
    "deployments depend on readiness. A pod is Ready only when all its containers are, and a container " +
    "without a probe counts as ready once started, so the unit judged is the pod: every container that " +
    "declares ports (it serves traffic) needs a readiness probe, containers without ports (log shippers, " +
    "workers) need none, and a pod none of whose containers declares ports needs a probe on at least one. " +
    "Polaris asks for a probe on every container and kube-score for one per pod targeted by a Service; this " +
    "sits between them, so that a probed proxy sidecar does not hide an unprobed application beside it.",
  remediation:
    "Add a readinessProbe that succeeds only when the container can serve requests (for HTTP services an " +
    "endpoint that checks the app itself, not its downstream dependencies).",
  references: [
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-conditions",
  ],
  scope: { type: "workload" },
  applies: (w) => w.longRunning && w.regular.length > 0,
  run(w, ctx) {
    const containers = w.regular;
    const probed = containers.filter((c) => c.spec.readinessProbe);
    const serving = containers.filter((c) => arr(c.spec.ports).length > 0);
    const missing = (serving.length > 0 ? serving : containers).filter((c) => !c.spec.readinessProbe);
    const first = missing[0];
    if (first && (serving.length > 0 || probed.length === 0)) {
      const names = missing.map((c) => c.name).join(", ");
      ctx.fail(
        serving.length > 0
          ? `no readiness probe on ${names}, which declare(s) ports`
          : "no container has a readiness probe",
        { container: first, field: "readinessProbe" },
      );
    } else {
      ctx.pass(`readiness probe on ${probed.map((c) => c.name).join(", ")}`);
    }
  },
});
