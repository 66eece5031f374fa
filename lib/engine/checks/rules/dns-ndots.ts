import { dig, recs, str } from "../../util";
import { defineCheck } from "../define";

// Most pods leave dnsConfig alone; they all share this message.
const CLUSTER_DEFAULT = "ndots 5 (cluster default)";

function ndotsOption(podSpec: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const o of recs(dig(podSpec, "dnsConfig", "options"))) if (o.name === "ndots") return o;
  return undefined;
}

export const dnsNdots = defineCheck({
  id: "dns-ndots",
  title: "Pods lower the DNS ndots option",
  category: "networking",
  severity: "info",
  rationale:
    "With the cluster default ndots:5, every lookup of an external name with fewer than five dots is tried " +
    "against each search domain first, multiplying DNS queries and adding latency to outbound calls; " +
    "operators have traced real latency problems to it.",
  remediation:
    'For workloads that call external hosts, set spec.dnsConfig.options: [{name: ndots, value: "2"}] (or use ' +
    "fully qualified names ending in a dot).",
  references: ["https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config"],
  scope: { type: "workload" },
  applies: (w) => w.longRunning,
  run(w, ctx) {
    const at = { field: "dnsConfig" };
    const policy = str(w.podSpec.dnsPolicy) ?? "ClusterFirst";
    if (policy === "Default" || (w.podSpec.hostNetwork === true && policy === "ClusterFirst"))
      return ctx.skip(`dnsPolicy ${policy} uses the node's resolver`, at);
    const opt = ndotsOption(w.podSpec);
    if (!opt) return ctx.fail(CLUSTER_DEFAULT, at);
    const ndots = Number(str(opt.value) ?? NaN);
    if (ndots <= 2) ctx.pass(`ndots ${ndots}`, at);
    else ctx.fail(`ndots ${Number.isNaN(ndots) ? "?" : ndots}`, at);
  },
});
