import { dig, str } from "../../util";
import { formatMinor, parseKubeVersion } from "../../version";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

/** Oldest kubelet minor still supported against an API server (3 minors since 1.28, 2 before). */
function maxSkew(serverMinor: number): number {
  return serverMinor >= 28 ? 3 : 2;
}

export const nodeVersionSkew: Check = {
  id: "node-version-skew",
  title: "Node kubelet versions are within the supported skew",
  category: "lifecycle",
  severity: "medium",
  rationale:
    "Kubelets newer than the API server, or too many minors older, are unsupported; half-finished node " +
    "upgrades and forgotten node pools are common causes and block the next control-plane upgrade.",
  remediation: "Upgrade (or replace) the lagging node pools to the control plane's minor version.",
  references: ["https://kubernetes.io/releases/version-skew-policy/#kubelet"],
  evaluate(ctx) {
    const server = parseKubeVersion(ctx.facts.kubernetesVersion);
    if (!server) return [];
    const out: Outcome[] = [];
    for (const node of ctx.ofKind("Node")) {
      const raw = str(dig(node, "status", "nodeInfo", "kubeletVersion"));
      const kubelet = parseKubeVersion(raw);
      if (!kubelet) continue;
      const object = refOf(node, { path: "status.nodeInfo.kubeletVersion" });
      const behind = server.minor - kubelet.minor;
      if (kubelet.major !== server.major || behind < 0) {
        out.push(
          outcome(
            "fail",
            `kubelet ${formatMinor(kubelet)} is newer than the API server ${formatMinor(server)}`,
            object,
          ),
        );
      } else if (behind > maxSkew(server.minor)) {
        out.push(
          outcome(
            "fail",
            `kubelet ${formatMinor(kubelet)} is ${behind} minors behind ${formatMinor(server)}`,
            object,
          ),
        );
      } else {
        out.push(
          outcome("pass", `kubelet ${formatMinor(kubelet)} with API server ${formatMinor(server)}`, object),
        );
      }
    }
    return out;
  },
};
