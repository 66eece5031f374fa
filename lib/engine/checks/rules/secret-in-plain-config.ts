import { rec, recs, str } from "../../util";
import { REDACTED } from "../../snapshot/redact";
import type { K8sObject } from "../../types";
import { containerRef, refOf } from "../workloads";
import { defineCheck } from "../define";

/** Keys of data and binaryData (merged as binaryData over data) whose value was redacted. */
function redactedKeys(cm: K8sObject): string[] | undefined {
  const data = rec(cm.data);
  const binary = rec(cm.binaryData);
  // Copying into a merged object is only needed when both maps are there (same keys, same order).
  const merged = data && binary ? { ...data, ...binary } : (data ?? binary);
  if (!merged) return undefined;
  let keys: string[] | undefined;
  for (const k of Object.keys(merged)) if (merged[k] === REDACTED) (keys ??= []).push(k);
  return keys;
}

export const secretInPlainConfig = defineCheck({
  id: "secret-in-plain-config",
  title: "Credentials are not written into env values or ConfigMaps",
  category: "security",
  severity: "high",
  rationale:
    "Literal env values and ConfigMaps are readable by anyone who can read the workload or ConfigMap, end " +
    "up in Git, Helm releases and last-applied annotations, and are not encrypted at rest. A value is " +
    "reported when its name looks secret (DB_PASSWORD, apiKey) or when its content is a credential whatever " +
    "the name: a PEM or base64 PEM private key, a URL or connection-string password, a token of a known " +
    "format. (Kubeready has already replaced those values in this snapshot with the redaction marker; the " +
    "check reports where the marker is, so nothing it reports is kept.)",
  remediation:
    "Move the value into a Secret (ideally synced from a secret manager) and reference it with " +
    "valueFrom.secretKeyRef or envFrom.secretRef; rotate the exposed credential.",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
  ],
  // Two kinds of subject (containers' env and ConfigMaps): judged in one pass over the snapshot.
  scope: { type: "cluster" },
  run(_, ctx) {
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        // A loop rather than filter/map: this runs for every container, and most have nothing redacted.
        let names: string[] | undefined;
        // Redaction replaces a whole value (DB_PASSWORD) or only the credential inside it (a URL's password).
        for (const e of recs(c.spec.env))
          if (typeof e.value === "string" && e.value.includes(REDACTED))
            (names ??= []).push(str(e.name) ?? "?");
        if (names)
          ctx.fail(`credentials in literal env values: ${names.join(", ")}`, {
            object: containerRef(w, c, "env"),
          });
        else ctx.pass("no literal credentials in env", { object: containerRef(w, c) });
      }
    }
    for (const cm of ctx.ofKind("ConfigMap")) {
      const keys = redactedKeys(cm);
      if (keys) ctx.fail(`credentials in keys: ${keys.join(", ")}`, { object: refOf(cm, { path: "data" }) });
      else ctx.pass("no credentials in values", { object: refOf(cm) });
    }
  },
});
