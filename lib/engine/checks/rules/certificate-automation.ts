import { arr, dig, str } from "../../util";
import { imageMatches, workloadImages } from "../helpers";
import type { CheckContext } from "../types";
import { defineCheck } from "../define";

const AUTOMATION_KINDS = [
  "Certificate",
  "Issuer",
  "ClusterIssuer",
  "ManagedCertificate",
  "CertificateRequest",
];
const AUTOMATION_IMAGES = ["cert-manager", "cert-manager-controller", "kube-lego", "acme-dns", "step-issuer"];
const AUTOMATION_ANNOTATIONS = [
  "cert-manager.io/cluster-issuer",
  "cert-manager.io/issuer",
  "kubernetes.io/tls-acme",
  "alb.ingress.kubernetes.io/certificate-arn",
  "networking.gke.io/managed-certificates",
  "service.beta.kubernetes.io/aws-load-balancer-ssl-cert",
  "traefik.ingress.kubernetes.io/router.tls.certresolver",
];

function automation(ctx: CheckContext): string | undefined {
  for (const kind of AUTOMATION_KINDS) if (ctx.hasKind(kind)) return `${kind} objects`;
  for (const crd of ctx.ofKind("CustomResourceDefinition"))
    if (crd.metadata.name.endsWith(".cert-manager.io")) return `CRD ${crd.metadata.name}`;
  for (const { w, image } of workloadImages(ctx))
    if (imageMatches(image, AUTOMATION_IMAGES)) return `${w.kind} ${w.name} (${image})`;
  for (const kind of ["Ingress", "Service"]) {
    for (const o of ctx.ofKind(kind)) {
      const a = AUTOMATION_ANNOTATIONS.find((k) => o.metadata.annotations?.[k] !== undefined);
      if (a) return `annotation ${a} on ${kind} ${o.metadata.name}`;
    }
  }
  return undefined;
}

/** Ingresses with a TLS section and TLS Secrets. */
function tlsUses(ctx: CheckContext): [number, number] {
  return [
    ctx.ofKind("Ingress").filter((i) => arr(dig(i, "spec", "tls")).length > 0).length,
    ctx.ofKind("Secret").filter((s) => str(s.type) === "kubernetes.io/tls").length,
  ];
}

export const certificateAutomation = defineCheck({
  id: "certificate-automation",
  title: "TLS certificates are issued and renewed automatically",
  category: "lifecycle",
  severity: "high",
  rationale:
    "Certificates renewed by hand expire the day someone forgets; two whole-cluster crashes in one team's " +
    "history came from expired certificates. When the snapshot serves TLS (Ingress tls, TLS Secrets), it " +
    "should show cert-manager or a provider-managed certificate service.",
  remediation:
    "Install cert-manager with an ACME or internal Issuer and annotate Ingresses, or use the cloud provider's " +
    "managed certificates.",
  references: [
    "https://cert-manager.io/docs/",
    "https://kubernetes.io/docs/tasks/tls/managing-tls-in-a-cluster/",
  ],
  scope: { type: "cluster" },
  applies: (_, ctx) => tlsUses(ctx).some((n) => n > 0) || ctx.certificates.length > 0,
  run(_, ctx) {
    const [tlsIngress, tlsSecrets] = tlsUses(ctx);
    const uses = `${tlsIngress} Ingress(es) with TLS, ${tlsSecrets} TLS Secret(s)`;
    const found = automation(ctx);
    if (found) ctx.pass(`${uses}; automated by ${found}`);
    else ctx.fail(`${uses} and no certificate automation (cert-manager or managed certificates)`);
  },
});
