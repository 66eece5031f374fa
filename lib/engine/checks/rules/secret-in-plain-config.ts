import { rec, recs, str } from "../../util";
import { REDACTED } from "../../snapshot/redact";
import type { Check, Outcome } from "../types";
import { containerRef, refOf } from "../workloads";
import { outcome } from "../outcome";

export const secretInPlainConfig: Check = {
  id: "secret-in-plain-config",
  title: "Credentials are not written into env values or ConfigMaps",
  category: "security",
  severity: "high",
  rationale:
    "Literal env values and ConfigMaps are readable by anyone who can read the workload or ConfigMap, end " +
    "up in Git, Helm releases and last-applied annotations, and are not encrypted at rest. (Kubeready has " +
    "already replaced the values in this snapshot; the check reports where they were.)",
  remediation:
    "Move the value into a Secret (ideally synced from a secret manager) and reference it with " +
    "valueFrom.secretKeyRef or envFrom.secretRef; rotate the exposed credential.",
  references: [
    "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables",
  ],
  evaluate(ctx) {
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      for (const c of w.containers) {
        const names = recs(c.spec.env)
          .filter((e) => e.value === REDACTED)
          .map((e) => str(e.name) ?? "?");
        out.push(
          names.length > 0
            ? outcome("fail", `secret-looking literal env: ${names.join(", ")}`, containerRef(w, c, "env"))
            : outcome("pass", "no literal credentials in env", containerRef(w, c)),
        );
      }
    }
    for (const cm of ctx.ofKind("ConfigMap")) {
      const data = { ...rec(cm.data), ...rec(cm.binaryData) };
      const keys = Object.entries(data)
        .filter(([, v]) => v === REDACTED)
        .map(([k]) => k);
      out.push(
        keys.length > 0
          ? outcome("fail", `secret-looking keys: ${keys.join(", ")}`, refOf(cm, { path: "data" }))
          : outcome("pass", "no secret-looking keys", refOf(cm)),
      );
    }
    return out;
  },
};
