import type { K8sObject } from "../../types";
import { dig, str } from "../../util";
import { formatMinor, parseKubeVersion } from "../../version";
import { defineCheck } from "../define";

/** Oldest kubelet minor still supported against an API server (3 minors since 1.28, 2 before). */
function maxSkew(serverMinor: number): number {
  return serverMinor >= 28 ? 3 : 2;
}

function kubeletOf(node: K8sObject) {
  return parseKubeVersion(str(dig(node, "status", "nodeInfo", "kubeletVersion")));
}

export const nodeVersionSkew = defineCheck({
  id: "node-version-skew",
  title: "Node kubelet versions are within the supported skew",
  category: "lifecycle",
  severity: "medium",
  rationale:
    "Kubelets newer than the API server, or too many minors older, are unsupported; half-finished node " +
    "upgrades and forgotten node pools are common causes and block the next control-plane upgrade.",
  remediation: "Upgrade (or replace) the lagging node pools to the control plane's minor version.",
  references: ["https://kubernetes.io/releases/version-skew-policy/#kubelet"],
  scope: { type: "kinds", kinds: ["Node"] },
  prepare: (ctx) => parseKubeVersion(ctx.facts.kubernetesVersion),
  applies: (node, ctx) => ctx.prepared !== undefined && kubeletOf(node) !== undefined,
  run(node, ctx) {
    const server = ctx.prepared;
    const kubelet = kubeletOf(node);
    if (!server || !kubelet) return;
    const at = { path: "status.nodeInfo.kubeletVersion" };
    const behind = server.minor - kubelet.minor;
    if (kubelet.major !== server.major || behind < 0)
      ctx.fail(`kubelet ${formatMinor(kubelet)} is newer than the API server ${formatMinor(server)}`, at);
    else if (behind > maxSkew(server.minor))
      ctx.fail(`kubelet ${formatMinor(kubelet)} is ${behind} minors behind ${formatMinor(server)}`, at);
    else ctx.pass(`kubelet ${formatMinor(kubelet)} with API server ${formatMinor(server)}`, at);
  },
});
