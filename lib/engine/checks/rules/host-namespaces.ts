import { defineCheck } from "../define";

export const hostNamespaces = defineCheck({
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
  scope: { type: "workload" },
  run(w, ctx) {
    const used = (["hostNetwork", "hostPID", "hostIPC"] as const).filter((f) => w.podSpec[f] === true);
    const at = { path: w.podSpecPath };
    if (used.length > 0) ctx.fail(`uses ${used.join(", ")}`, at);
    else ctx.pass("no host namespaces", at);
  },
});
