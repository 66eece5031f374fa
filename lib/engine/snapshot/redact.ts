// Redaction runs inside loadSnapshot, before any object leaves it. Secret payloads and last-applied
// annotations (they embed whole objects, Secrets included) are dropped; public certificates are reduced to
// facts (subject, issuer, validity) first; ConfigMap values are not kept. Everything else is redacted by
// shape, not by path: one walk over the whole object, whatever its kind, finds name/value lists (`env` in a
// pod, a PodTemplate, an Argo Workflow or a Tekton Task), annotations, Secrets embedded in other objects,
// `--password value` argument pairs, and hands every string to redactString (./shapes).
import type { CertificateFact, K8sObject, RedactionCounts, SnapshotWarning } from "../types";
import { isRecord } from "../util";
import { nodeCrypto } from "./platform";
import {
  isReferenceValue,
  isSecretLookingName,
  isSecretFlag,
  looksLikeToken,
  REDACTED,
  redactString,
  redactTokens,
} from "./shapes";

export { isSecretLookingName, REDACTED } from "./shapes";

/** Stands for a ConfigMap value that was not kept (not secret-looking, but not needed either). */
export const CONFIG_VALUE_DROPPED = "[not stored]";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
const CERT_KEYS = new Set(["tls.crt", "ca.crt"]);
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** What the browser keeps of a certificate key: whole PEM certificates, nothing else between the markers. */
const STRICT_PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]*-----END CERTIFICATE-----/g;

type X509 = typeof import("node:crypto").X509Certificate;

export function emptyRedactionCounts(): RedactionCounts {
  return {
    secretsRedacted: 0,
    secretValuesDropped: 0,
    certificatesParsed: 0,
    lastAppliedAnnotationsDropped: 0,
    envValuesRedacted: 0,
    configMapValuesRedacted: 0,
    urlCredentialsRedacted: 0,
    connectionStringValuesRedacted: 0,
    argumentValuesRedacted: 0,
    tokensRedacted: 0,
    privateKeysRedacted: 0,
  };
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

function parseCertificate(block: string | Buffer, X509Certificate: X509): ParsedCert | null {
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
  X509Certificate: X509,
): CertificateFact[] | undefined {
  const bytes = isBase64 ? Buffer.from(value, "base64") : Buffer.from(value, "utf8");
  const text = bytes.toString("utf8");
  const blocks: (string | Buffer)[] = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0 && bytes.length > 0) blocks.push(bytes); // maybe DER
  const facts: CertificateFact[] = [];
  for (const [index, block] of blocks.entries()) {
    const cert = parseCertificate(block, X509Certificate);
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

/**
 * The browser cannot parse X.509, so a Secret's public certificates (tls.crt, ca.crt) are kept, alone, for
 * the server to read their expiry when it redacts the upload again. Anything else in the value goes.
 */
function publicCertificates(value: string, isBase64: boolean): { value: string; count: number } | undefined {
  let text: string;
  try {
    text = isBase64 ? atob(value) : value;
  } catch {
    return undefined;
  }
  const blocks = text.match(STRICT_PEM_CERTIFICATE);
  if (!blocks) return undefined;
  const pem = `${blocks.join("\n")}\n`;
  return { value: isBase64 ? btoa(pem) : pem, count: blocks.length };
}

/** Drops a Secret's payload; returns what the browser keeps of it (see publicCertificates). */
function redactSecret(
  obj: K8sObject,
  counts: RedactionCounts,
  certificates: CertificateFact[],
  warn: (message: string) => void,
): Partial<Record<"data" | "stringData", Record<string, string>>> | undefined {
  // Undefined in the browser, which then keeps public certificates for the server to read.
  const X509Certificate = nodeCrypto?.X509Certificate;
  let dropped = 0;
  let keptFields: Partial<Record<"data" | "stringData", Record<string, string>>> | undefined;
  for (const field of ["data", "stringData"] as const) {
    const payload = obj[field];
    if (payload === undefined) continue;
    if (isRecord(payload)) {
      let kept: Record<string, string> | undefined;
      for (const [key, value] of Object.entries(payload)) {
        dropped++;
        if (!CERT_KEYS.has(key) || typeof value !== "string" || value === "") continue;
        if (!X509Certificate) {
          const pem = publicCertificates(value, field === "data");
          if (pem) {
            (kept ??= {})[key] = pem.value;
            dropped--;
            counts.certificatesParsed += pem.count;
          }
          continue;
        }
        const facts = certificateFacts(obj, key, value, field === "data", X509Certificate);
        if (facts === undefined) {
          warn(`Secret ${obj.metadata.name}: ${key} is not a readable X.509 certificate`);
        } else {
          certificates.push(...facts);
          counts.certificatesParsed += facts.length;
        }
      }
      if (kept) (keptFields ??= {})[field] = kept;
    } else {
      dropped++;
    }
    delete obj[field];
  }
  if (dropped > 0) {
    counts.secretsRedacted++;
    counts.secretValuesDropped += dropped;
  }
  return keptFields;
}

/** Drops the payload of a Secret found inside another object (an OpenShift Template, a Helm-like CR). */
function dropEmbeddedSecret(secret: Record<string, unknown>, counts: RedactionCounts): void {
  let dropped = 0;
  for (const field of ["data", "stringData"] as const) {
    const payload = secret[field];
    if (payload === undefined) continue;
    dropped += isRecord(payload) ? Object.keys(payload).length : 1;
    delete secret[field];
  }
  if (dropped > 0) {
    counts.secretsRedacted++;
    counts.secretValuesDropped += dropped;
  }
}

function redactAnnotations(annotations: Record<string, unknown>, counts: RedactionCounts): void {
  for (const key in annotations) {
    const value = annotations[key];
    if (key === LAST_APPLIED) {
      delete annotations[key];
      counts.lastAppliedAnnotationsDropped++;
    } else if (typeof value === "object" && value !== null) {
      // Not an object's annotations (a schema's `properties.annotations`, say): walk it like any field.
      if (Array.isArray(value)) walkArray(value, counts, key);
      else walkRecord(value as Record<string, unknown>, counts);
    } else if (typeof value !== "string" || value === "" || value === REDACTED) {
      continue;
    } else if (looksLikeToken(key, value)) {
      // Not by key name: annotation keys are settings (nginx's auth-tls-secret, session-cookie-secure).
      annotations[key] = REDACTED;
      counts.tokensRedacted++;
    } else {
      const out = redactTokens(redactString(value, counts, true), counts);
      if (out !== value) annotations[key] = out;
    }
  }
}

/**
 * Lists of name/value pairs whose values are judged by their names: `env` wherever it is (pods, templates,
 * Argo and Tekton steps, any custom resource) and workflow parameters. Not every name/value list: a probe's
 * `httpHeaders` entry named Cookie is configuration the checks compare.
 */
const NAMED_VALUE_LISTS = new Set(["env", "parameters", "params"]);

function walkArray(list: unknown[], counts: RedactionCounts, key: string): void {
  const namedValues = NAMED_VALUE_LISTS.has(key);
  let afterSecretFlag = false;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v === "string") {
      // `--password`, `value` as two arguments: the flag says what the next one is.
      if (afterSecretFlag && v !== "" && v.charCodeAt(0) !== 45 && v !== REDACTED && !isReferenceValue(v)) {
        list[i] = REDACTED;
        counts.argumentValuesRedacted++;
        afterSecretFlag = false;
        continue;
      }
      afterSecretFlag = isSecretFlag(v);
      const out = redactTokens(redactString(v, counts), counts);
      if (out !== v) list[i] = out;
      continue;
    }
    afterSecretFlag = false;
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      walkArray(v, counts, key);
      continue;
    }
    const entry = v as Record<string, unknown>;
    const name = entry.name;
    const value = entry.value;
    if (typeof name === "string" && typeof value === "string" && value !== "" && value !== REDACTED) {
      if (namedValues && isSecretLookingName(name)) {
        entry.value = REDACTED;
        counts.envValuesRedacted++;
      } else {
        entry.value = redactTokens(value, counts);
      }
    }
    walkRecord(entry, counts);
  }
}

function walkRecord(obj: Record<string, unknown>, counts: RedactionCounts): void {
  if (obj.kind === "Secret" && (obj.data !== undefined || obj.stringData !== undefined)) {
    dropEmbeddedSecret(obj, counts);
  }
  for (const key in obj) {
    const v = obj[key];
    if (typeof v === "string") {
      const out = redactString(v, counts);
      if (out !== v) obj[key] = out;
    } else if (typeof v === "object" && v !== null) {
      if (Array.isArray(v)) {
        walkArray(v, counts, key);
      } else if (key === "annotations") {
        redactAnnotations(v as Record<string, unknown>, counts);
      } else if (key !== "labels" && key !== "matchLabels") {
        // Label values are 63 characters of [A-Za-z0-9._-] at most: no shape above fits them.
        walkRecord(v as Record<string, unknown>, counts);
      }
    }
  }
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

  let kept: ReturnType<typeof redactSecret>;
  if (obj.kind === "Secret") {
    kept = redactSecret(obj, counts, certificates, (message) => warnings.push({ file, document, message }));
  } else if (obj.kind === "ConfigMap") {
    const scratch = emptyRedactionCounts();
    for (const field of ["data", "binaryData"] as const) {
      const data = obj[field];
      if (!isRecord(data)) continue;
      // Only the keys are kept: configuration files routinely embed credentials that no rule can spot,
      // and no check needs the values. Secret-looking keys and values keep the REDACTED marker.
      for (const [key, value] of Object.entries(data)) {
        if (
          typeof value === "string" &&
          value !== "" &&
          (isSecretLookingName(key) || redactString(value, scratch) !== value)
        ) {
          data[key] = REDACTED;
          counts.configMapValuesRedacted++;
        } else {
          data[key] = CONFIG_VALUE_DROPPED;
        }
      }
    }
  }
  walkRecord(obj, counts);
  // Put back after the walk, which would take them for an embedded Secret's payload and drop them.
  if (kept) Object.assign(obj, kept);
}
