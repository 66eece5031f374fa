import { dig, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

// Most pods leave dnsConfig alone; they all share this message.
const CLUSTER_DEFAULT = "ndots 5 (cluster default)";

function ndotsOption(podSpec: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const o of recs(dig(podSpec, "dnsConfig", "options"))) if (o.name === "ndots") return o;
  return undefined;
}

export const dnsNdots: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      if (!w.longRunning) continue;
      const object = refOf(w.object, { path: `${w.podSpecPath}.dnsConfig` });
      const policy = str(w.podSpec.dnsPolicy) ?? "ClusterFirst";
      if (policy === "Default" || (w.podSpec.hostNetwork === true && policy === "ClusterFirst")) {
        out.push(outcome("skip", `dnsPolicy ${policy} uses the node's resolver`, object));
        continue;
      }
      const opt = ndotsOption(w.podSpec);
      if (!opt) {
        out.push(outcome("fail", CLUSTER_DEFAULT, object));
        continue;
      }
      const ndots = Number(str(opt.value) ?? NaN);
      out.push(
        ndots <= 2
          ? outcome("pass", `ndots ${ndots}`, object)
          : outcome("fail", `ndots ${Number.isNaN(ndots) ? "?" : ndots}`, object),
      );
    }
    return out;
  },
};
