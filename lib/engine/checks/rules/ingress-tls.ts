import { dig, recs } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf } from "../workloads";
import { outcome } from "../outcome";

export const ingressTls: Check = {
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
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const ing of ctx.ofKind("Ingress")) {
      const tls = recs(dig(ing, "spec", "tls"));
      const object = refOf(ing, { path: "spec.tls" });
      out.push(
        tls.length > 0
          ? outcome("pass", `${tls.length} TLS section(s)`, object)
          : outcome("fail", "no TLS: served over plain HTTP", object),
      );
    }
    return out;
  },
};
