import { arr, dig, str } from "../../util";
import { defineCheck } from "../define";

export const serviceExposure = defineCheck({
  id: "service-exposure",
  title: "Services are not exposed on node ports, load balancers or external IPs without intent",
  category: "networking",
  severity: "low",
  rationale:
    "NodePort and LoadBalancer Services open the workload to everything that reaches the nodes or the " +
    "internet, outside Ingress TLS and authentication. Static external IPs also route all traffic through " +
    "kernel connection tracking, which one team saw overflow at millions of connections a day.",
  remediation:
    "Use ClusterIP behind an Ingress or Gateway; keep LoadBalancer for the ingress controller itself and " +
    "exempt it with a reason; restrict loadBalancerSourceRanges.",
  references: [
    "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
  ],
  scope: { type: "kinds", kinds: ["Service"] },
  run(svc, ctx) {
    const type = str(dig(svc, "spec", "type")) ?? "ClusterIP";
    const external = arr(dig(svc, "spec", "externalIPs")).length > 0;
    const exposed = type === "NodePort" || type === "LoadBalancer";
    const ranges = arr(dig(svc, "spec", "loadBalancerSourceRanges")).length > 0;
    if ((exposed && !(type === "LoadBalancer" && ranges)) || external) {
      const what = [exposed ? `type ${type}` : "", external ? "externalIPs" : ""]
        .filter(Boolean)
        .join(" and ");
      ctx.fail(`exposed outside the cluster (${what})`, { path: "spec.type" });
    } else {
      ctx.pass(`type ${type}${ranges ? " with source ranges" : ""}`);
    }
  },
});
