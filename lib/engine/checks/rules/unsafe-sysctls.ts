import { rec, recs, str } from "../../util";
import { defineCheck } from "../define";

// The "safe" set of the Pod Security Standards (baseline): namespaced and isolated from other pods.
const SAFE = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

export const unsafeSysctls = defineCheck({
  id: "unsafe-sysctls",
  title: "Pods set only safe sysctls",
  category: "security",
  severity: "high",
  rationale:
    "Sysctls outside the safe set are not isolated per pod: they change kernel behaviour for the whole node " +
    "and its other tenants, and the kubelet rejects them unless an administrator allowed them explicitly.",
  remediation:
    "Drop the unsafe sysctls, or move the workload to dedicated, tainted nodes whose kubelet allows exactly " +
    "those sysctls.",
  references: ["https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"],
  scope: { type: "workload" },
  applies: (w) => recs(rec(w.podSpec.securityContext)?.sysctls).length > 0,
  run(w, ctx) {
    const sysctls = recs(rec(w.podSpec.securityContext)?.sysctls);
    const unsafe = sysctls.map((s) => str(s.name) ?? "?").filter((n) => !SAFE.has(n));
    const at = { field: "securityContext.sysctls" };
    if (unsafe.length > 0) ctx.fail(`unsafe sysctls: ${unsafe.join(", ")}`, at);
    else ctx.pass(`${sysctls.length} safe sysctl(s)`, at);
  },
});
