import { str } from "../../util";
import { defineCheck } from "../define";

/** Controllers of long-running pods, which accept only restartPolicy Always. */
const ALWAYS_ONLY = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "DeploymentConfig",
]);

export const restartPolicy = defineCheck({
  id: "restart-policy",
  title: "Pod restart policies fit their controller",
  category: "reliability",
  severity: "high",
  rationale:
    "A Job's pods must use restartPolicy OnFailure or Never: the default, Always, is rejected by the API " +
    "server, so a Job or CronJob without the field never runs. Controllers of long-running pods " +
    "(Deployments, StatefulSets, DaemonSets, ReplicaSets) accept only Always. Either mistake keeps the " +
    "manifest from applying. kube-linter's restart-policy asks deployment-likes for Always or OnFailure; " +
    "this check follows what each controller accepts instead, so a Job with Never passes and a bare Pod " +
    "(any policy is valid there; naked-pod judges it) or a custom kind such as an Argo Rollout (its controller " +
    "decides) is not judged.",
  remediation:
    "Set restartPolicy: OnFailure (retry in place) or Never (a new pod per retry, keeping the failed " +
    "one's logs) on Job and CronJob pod templates; leave it unset (Always) on other controllers.",
  references: [
    "https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template",
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy",
  ],
  scope: { type: "workload" },
  applies: (w) => (w.longRunning ? ALWAYS_ONLY.has(w.kind) : w.kind !== "Pod"),
  run(w, ctx) {
    const policy = str(w.podSpec.restartPolicy);
    const at = { field: "restartPolicy" };
    if (!w.longRunning) {
      if (policy === "OnFailure" || policy === "Never") ctx.pass(`restartPolicy ${policy}`, at);
      else
        ctx.fail(
          policy === undefined
            ? "no restartPolicy: a Job's pods must set OnFailure or Never"
            : `restartPolicy ${policy}: a Job's pods accept only OnFailure or Never`,
          at,
        );
    } else if (policy === undefined || policy === "Always") ctx.pass("restartPolicy Always", at);
    else ctx.fail(`restartPolicy ${policy}: ${w.kind} pods accept only Always`, at);
  },
});
