import { arr } from "../../util";
import { defineCheck } from "../define";

export const nakedPod = defineCheck({
  id: "naked-pod",
  title: "Pods are managed by a controller",
  category: "reliability",
  severity: "medium",
  rationale:
    "A bare Pod is not rescheduled when its node fails or is drained, and it is not replaced when it is " +
    "deleted; whatever it serves silently disappears. Static (mirror) pods managed by the kubelet are skipped.",
  remediation: "Run the pod through a Deployment, StatefulSet, DaemonSet or Job.",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs",
  ],
  scope: { type: "kinds", kinds: ["Pod"] },
  // Static pods are the kubelet's; their API objects are mirrors.
  applies: (pod) => pod.metadata.annotations?.["kubernetes.io/config.mirror"] === undefined,
  run(pod, ctx) {
    const at = { path: "metadata.ownerReferences" };
    if (arr(pod.metadata.ownerReferences).length > 0) ctx.pass("owned by a controller", at);
    else ctx.fail("bare Pod without a controller", at);
  },
});
