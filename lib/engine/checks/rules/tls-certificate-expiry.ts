import { z } from "zod";
import { dig, recs, str } from "../../util";
import { defineCheck, param } from "../define";

const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 30;
export const EXPIRY_NOTICE_DAYS = 90;

export const tlsCertificateExpiry = defineCheck({
  id: "tls-certificate-expiry",
  title: "TLS certificates in Secrets are not expired or about to expire",
  category: "lifecycle",
  severity: "critical",
  rationale:
    "Expired certificates take services down without warning; operators report whole clusters lost to " +
    "expired certificates, twice in a row for one team because a tool silently issued one-year certificates.",
  remediation:
    "Renew the certificate now, then automate renewal (cert-manager or the provider's certificate service) " +
    "and alert at least 30 days before notAfter. Tiers: expired is critical, under 30 days high, under 90 " +
    "days medium (both day counts are parameters).",
  references: [
    "https://cert-manager.io/docs/",
    "https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets",
  ],
  params: {
    warningDays: param(
      z.number().int().min(0),
      EXPIRY_WARNING_DAYS,
      "A certificate expiring in fewer days fails at high severity.",
    ),
    noticeDays: param(
      z.number().int().min(0),
      EXPIRY_NOTICE_DAYS,
      "A certificate expiring in fewer days (but not fewer than warningDays) fails at medium severity.",
    ),
  },
  // One result per certificate found in a Secret, about that Secret's data key.
  scope: { type: "cluster" },
  run(_, ctx) {
    // Ingress index: namespace/secretName → Ingress names using it.
    const users = new Map<string, string[]>();
    for (const ing of ctx.ofKind("Ingress")) {
      for (const tls of recs(dig(ing, "spec", "tls"))) {
        const secret = str(tls.secretName);
        if (!secret) continue;
        const key = `${ing.metadata.namespace ?? ""}/${secret}`;
        users.set(key, [...(users.get(key) ?? []), ing.metadata.name]);
      }
    }
    const now = ctx.now.getTime();
    const { warningDays, noticeDays } = ctx.params;
    for (const cert of ctx.certificates) {
      const object = {
        apiVersion: "v1",
        kind: "Secret",
        name: cert.secretName,
        ...(cert.secretNamespace !== undefined ? { namespace: cert.secretNamespace } : {}),
        path: `data.${cert.key}`,
      };
      const ingresses = users.get(`${cert.secretNamespace ?? ""}/${cert.secretName}`) ?? [];
      const usedBy = ingresses.length > 0 ? `; used by Ingress ${ingresses.join(", ")}` : "";
      const where = `certificate "${cert.subject}" in Secret ${cert.secretNamespace ? `${cert.secretNamespace}/` : ""}${cert.secretName} (${cert.key}${cert.index > 0 ? ` #${cert.index + 1}` : ""})`;
      const notAfter = Date.parse(cert.notAfter);
      const days = Math.floor((notAfter - now) / DAY);
      const date = cert.notAfter.slice(0, 10);
      if (Number.isNaN(notAfter)) ctx.skip(`${where}: unreadable expiry date`, { object });
      else if (notAfter <= now)
        ctx.fail(`${where} expired on ${date}${usedBy}`, { object, severity: "critical" });
      else if (days < warningDays)
        ctx.fail(`${where} expires in ${days} day(s) on ${date}${usedBy}`, { object, severity: "high" });
      else if (days < noticeDays)
        ctx.fail(`${where} expires in ${days} day(s) on ${date}${usedBy}`, { object, severity: "medium" });
      else ctx.pass(`${where} valid until ${date}${usedBy}`, { object });
    }
  },
});
