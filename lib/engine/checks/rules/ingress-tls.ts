import { dig, recs } from "../../util";
import { defineCheck } from "../define";

export const ingressTls = defineCheck({
  id: "ingress-tls",
  title: "Ingresses terminate TLS",
  category: "networking",
  severity: "medium",
  rationale:
    "An Ingress without a tls section serves plain HTTP: credentials and session cookies cross the network " +
    "in clear text.",
  remediation:
    "Add spec.tls with the hosts and a certificate Secret, ideally issued and renewed by cert-manager.",
  references: ["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
  scope: { type: "kinds", kinds: ["Ingress"] },
  run(ing, ctx) {
    const tls = recs(dig(ing, "spec", "tls"));
    const at = { path: "spec.tls" };
    if (tls.length > 0) ctx.pass(`${tls.length} TLS section(s)`, at);
    else ctx.fail("no TLS: served over plain HTTP", at);
  },
});
