import { formatBytes, parseQuantity, resources } from "../helpers";
import { defineCheck } from "../define";

export const memoryRequestEqualsLimit = defineCheck({
  id: "memory-request-equals-limit",
  title: "Containers request the memory they are limited to",
  category: "efficiency",
  severity: "low",
  rationale:
    "Memory cannot be throttled, only reclaimed by killing. The scheduler places pods by their requests, so " +
    "a container whose limit is above its request lets the node promise more memory than it has; when the " +
    "containers actually use it, the kernel OOM-kills one and the kubelet evicts pods that exceed their " +
    "requests first. With request equal to limit the memory is reserved and the pod can only hurt itself. " +
    "This is kube-score's optional container-memory-requests-equal-limits. Its CPU counterpart is " +
    "deliberately not asked for: CPU is compressible, and a CPU limit equal to the request throttles bursts " +
    "that would have cost nothing. Containers without a memory limit are resource-limits' concern and give " +
    "no result here.",
  remediation:
    "Set resources.requests.memory equal to resources.limits.memory (size both from the container's " +
    "observed peak plus headroom).",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run",
    "https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#pod-selection-for-kubelet-eviction",
  ],
  scope: { type: "container", containers: "runtime" },
  run(c, ctx) {
    const limit = parseQuantity(resources(c, "limits").memory);
    if (limit === undefined) return;
    const requested = resources(c, "requests").memory;
    // No request defaults to the limit.
    if (requested === undefined) return ctx.pass(`request defaults to the limit ${formatBytes(limit)}`);
    const request = parseQuantity(requested);
    if (request === undefined) return;
    if (request >= limit) ctx.pass(`memory request equals the limit ${formatBytes(limit)}`);
    else
      ctx.fail(`memory request ${formatBytes(request)} is below the limit ${formatBytes(limit)}`, {
        field: "resources.requests.memory",
      });
  },
});
