// Redaction runs inside loadSnapshot, before any object leaves it: Secret payloads, last-applied
// annotations (they embed whole objects, Secrets included), secret-looking literal env values and
// ConfigMap entries. Public certificates are reduced to facts (subject, issuer, validity) first.
import { X509Certificate } from "node:crypto";
import type { CertificateFact, K8sObject, RedactionCounts, SnapshotWarning } from "../types";
import { isRecord, rec, recs } from "../util";

/** Stands for a ConfigMap value that was not kept (not secret-looking, but not needed either). */
export const CONFIG_VALUE_DROPPED = "[not stored]";

export const REDACTED = "[REDACTED]";
export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const CERT_KEYS = new Set(["tls.crt", "ca.crt"]);
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export function emptyRedactionCounts(): RedactionCounts {
  return {
    secretsRedacted: 0,
    secretValuesDropped: 0,
    certificatesParsed: 0,
    lastAppliedAnnotationsDropped: 0,
    envValuesRedacted: 0,
    configMapValuesRedacted: 0,
  };
}

// Name rule. A name looks secret when it contains one of the long markers anywhere (DBPASSWORD,
// GITHUB_TOKEN, clientSecret) or has one of the short markers as a whole word (API_KEY, DB_PASS, AUTH).
// Names whose last word says the value is a *reference* to a secret rather than the secret itself
// (PRIVATE_KEY_PATH, TOKEN_FILE, SECRET_NAME, AWS_ACCESS_KEY_ID, AUTH_ENABLED) are left alone: their values
// are paths, names, identifiers or switches, and the checks need to read some of them. A credential that
// hides behind such a name is still caught by the URL rule below when it is a connection string.
const LONG_MARKERS = [
  "PASSWORD",
  "PASSWD",
  "SECRET",
  "TOKEN",
  "CREDENTIAL",
  "APIKEY",
  "PRIVATE",
  "PASSPHRASE",
];
const WORD_MARKERS = new Set(["KEY", "KEYS", "PASS", "PWD", "AUTH", "CREDS", "DSN", "SALT", "COOKIE"]);
const REFERENCE_SUFFIXES = new Set([
  "PATH",
  "FILE",
  "FILENAME",
  "DIR",
  "NAME",
  "ID",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "TYPE",
  "MODE",
  "TTL",
  "TIMEOUT",
  "EXPIRY",
  "LENGTH",
  "SIZE",
  "HEADER",
  "ALGORITHM",
  "METHOD",
  "PROVIDER",
  "REF",
  "URL",
  "ENDPOINT",
  "REGION",
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== "");
}

export function isSecretLookingName(name: string): boolean {
  const ws = words(name);
  const last = ws[ws.length - 1];
  if (last === undefined || REFERENCE_SUFFIXES.has(last)) return false;
  const joined = ws.join("");
  if (LONG_MARKERS.some((m) => joined.includes(m))) return true;
  return ws.some((w) => WORD_MARKERS.has(w));
}

/** scheme://user:password@host — a credential embedded in a connection string. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

function shouldRedactValue(name: string, value: string): boolean {
  if (value === "" || value === REDACTED) return false;
  return isSecretLookingName(name) || URL_WITH_PASSWORD.test(value);
}

function toIso(date: string): string {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? date : d.toISOString();
}

type ParsedCert = Pick<
  CertificateFact,
  | "subject"
  | "issuer"
  | "notBefore"
  | "notAfter"
  | "serialNumber"
  | "fingerprint256"
  | "subjectAltNames"
  | "isCA"
>;

// The same certificate (a cluster CA in every service account token Secret, a wildcard certificate copied
// into many namespaces) is parsed once. Bounded so that a hostile upload cannot grow it without limit.
const CERT_CACHE = new Map<string, ParsedCert | null>();
const CERT_CACHE_LIMIT = 10_000;

function parseCertificate(block: string | Buffer): ParsedCert | null {
  const key = typeof block === "string" ? block : block.toString("base64");
  const hit = CERT_CACHE.get(key);
  if (hit !== undefined) return hit;
  let parsed: ParsedCert | null;
  try {
    const cert = new X509Certificate(block);
    parsed = {
      subject: cert.subject.split("\n").join(", "),
      issuer: cert.issuer.split("\n").join(", "),
      notBefore: toIso(cert.validFrom),
      notAfter: toIso(cert.validTo),
      serialNumber: cert.serialNumber,
      fingerprint256: cert.fingerprint256,
      subjectAltNames: cert.subjectAltName,
      isCA: cert.ca,
    };
  } catch {
    parsed = null;
  }
  if (CERT_CACHE.size >= CERT_CACHE_LIMIT) CERT_CACHE.clear();
  CERT_CACHE.set(key, parsed);
  return parsed;
}

function certificateFacts(
  obj: K8sObject,
  key: string,
  value: string,
  isBase64: boolean,
): CertificateFact[] | undefined {
  const bytes = isBase64 ? Buffer.from(value, "base64") : Buffer.from(value, "utf8");
  const text = bytes.toString("utf8");
  const blocks: (string | Buffer)[] = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 && bytes.length > 0) blocks.push(bytes); // maybe DER
  const facts: CertificateFact[] = [];
  for (const [index, block] of blocks.entries()) {
    const cert = parseCertificate(block);
    if (!cert) return undefined;
    facts.push({
      secretNamespace: obj.metadata.namespace,
      secretName: obj.metadata.name,
      key,
      index,
      ...cert,
    });
  }
  return facts;
}

function redactSecret(
  obj: K8sObject,
  counts: RedactionCounts,
  certificates: CertificateFact[],
  warn: (message: string) => void,
): void {
  let dropped = 0;
  for (const field of ["data", "stringData"] as const) {
    const payload = obj[field];
    if (payload === undefined) continue;
    if (isRecord(payload)) {
      for (const [key, value] of Object.entries(payload)) {
        dropped++;
        if (!CERT_KEYS.has(key) || typeof value !== "string" || value === "") continue;
        const facts = certificateFacts(obj, key, value, field === "data");
        if (facts === undefined) {
          warn(`Secret ${obj.metadata.name}: ${key} is not a readable X.509 certificate`);
        } else {
          certificates.push(...facts);
          counts.certificatesParsed += facts.length;
        }
      }
    } else {
      dropped++;
    }
    delete obj[field];
  }
  if (dropped > 0) {
    counts.secretsRedacted++;
    counts.secretValuesDropped += dropped;
  }
}

function redactEnv(container: Record<string, unknown>, counts: RedactionCounts): void {
  for (const entry of recs(container.env)) {
    const name = entry.name;
    const value = entry.value;
    if (typeof name === "string" && typeof value === "string" && shouldRedactValue(name, value)) {
      entry.value = REDACTED;
      counts.envValuesRedacted++;
    }
  }
}

/**
 * Places where pod specs live, for any kind (CRDs such as Argo Rollouts reuse `spec.template.spec`):
 * `spec` itself (Pods and pod-like resources), `spec.template.spec`, and CronJob's job template.
 */
export function podSpecCandidates(obj: Record<string, unknown>): Record<string, unknown>[] {
  const spec = rec(obj.spec);
  if (!spec) return [];
  const out: Record<string, unknown>[] = [spec];
  const tpl = rec(rec(spec.template)?.spec);
  if (tpl) out.push(tpl);
  const jobTpl = rec(rec(rec(rec(spec.jobTemplate)?.spec)?.template)?.spec);
  if (jobTpl) out.push(jobTpl);
  return out;
}

/** Redacts one object in place, collecting certificate facts and counting what was removed. */
export function redactObject(
  obj: K8sObject,
  counts: RedactionCounts,
  certificates: CertificateFact[],
  warnings: SnapshotWarning[],
  file: string,
  document: number | undefined,
): void {
  // Server-side-apply bookkeeping: often the largest part of a live object, never read by a check.
  // Set to undefined rather than deleted (JSON drops it either way): `delete` would switch every
  // metadata object to V8's slow dictionary mode for all the checks that read it afterwards.
  if (obj.metadata.managedFields !== undefined) obj.metadata.managedFields = undefined;
  const annotations = obj.metadata.annotations;
  if (annotations && LAST_APPLIED in annotations) {
    delete annotations[LAST_APPLIED];
    counts.lastAppliedAnnotationsDropped++;
  }
  // Pod templates carry their own metadata (rarely, but kubectl does not stop it).
  const tplAnnotations = rec(rec(rec(rec(obj.spec)?.template)?.metadata)?.annotations);
  if (tplAnnotations && LAST_APPLIED in tplAnnotations) {
    delete tplAnnotations[LAST_APPLIED];
    counts.lastAppliedAnnotationsDropped++;
  }

  if (obj.kind === "Secret") {
    redactSecret(obj, counts, certificates, (message) => warnings.push({ file, document, message }));
    return;
  }
  if (obj.kind === "ConfigMap") {
    for (const field of ["data", "binaryData"] as const) {
      const data = rec(obj[field]);
      if (!data) continue;
      // Only the keys are kept: configuration files routinely embed credentials that no name-based
      // rule can spot, and no check needs the values. Secret-looking keys keep the REDACTED marker.
      for (const [key, value] of Object.entries(data)) {
        if (typeof value === "string" && shouldRedactValue(key, value)) {
          data[key] = REDACTED;
          counts.configMapValuesRedacted++;
        } else {
          data[key] = CONFIG_VALUE_DROPPED;
        }
      }
    }
    return;
  }
  for (const spec of podSpecCandidates(obj)) {
    for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
      for (const c of recs(spec[field])) redactEnv(c, counts);
    }
  }
}
