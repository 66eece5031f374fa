import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const hostNamespaces: Check = {
  id: "host-namespaces",
  title: "Pods do not share the host's network, PID or IPC namespace",
  category: "security",
  severity: "high",
  rationale:
    "hostNetwork, hostPID and hostIPC remove the isolation between pod and node: the pod sees host " +
    "interfaces and processes, can bind node ports and bypasses NetworkPolicies.",
  remediation:
    "Remove hostNetwork/hostPID/hostIPC; expose ports through Services. Keep exceptions (CNI, node agents) " +
    "in system namespaces and exempt them explicitly.",
  references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      const used = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((f) => w.podSpec[f] === true);
      const object = refOf(w.object, { path: w.podSpecPath });
      out.push(
        used.length > 0
          ? outcome("fail", `uses ${used.join(", ")}`, object)
          : outcome("pass", "no host namespaces", object),
      );
    }
    return out;
  },
};
