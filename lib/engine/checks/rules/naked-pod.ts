import { arr } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const nakedPod: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const pod of ctx.ofKind("Pod")) {
      if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) continue;
      const object = refOf(pod, { path: "metadata.ownerReferences" });
      out.push(
        arr(pod.metadata.ownerReferences).length > 0
          ? outcome("pass", "owned by a controller", object)
          : outcome("fail", "bare Pod without a controller", object),
      );
    }
    return out;
  },
};
