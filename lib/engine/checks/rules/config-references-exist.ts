import { dig, rec, recs, str } from "../../util";
import type { K8sObject } from "../../types";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

// Created in every namespace by the API server; manifests never carry it.
const IMPLICIT_CONFIGMAPS = new Set(["kube-root-ca.crt"]);

interface Ref {
  kind: "ConfigMap" | "Secret";
  name: string;
}

function addRef(refs: Ref[], kind: Ref["kind"], v: unknown, nameField: string): void {
  const r = rec(v);
  const name = str(r?.[nameField]);
  if (r && name && r.optional !== true) refs.push({ kind, name });
}

/** Required (non-optional) ConfigMap and Secret references of a pod spec. */
export function configReferences(w: Workload): Ref[] {
  const refs: Ref[] = [];
  // addRef is a module-level function rather than a closure: this runs for every workload.
  for (const c of w.containers) {
    for (const e of recs(c.spec.env)) {
      // Most entries are literal values: look at valueFrom once, not once per kind.
      const from = rec(e.valueFrom);
      if (!from) continue;
      addRef(refs, "ConfigMap", from.configMapKeyRef, "name");
      addRef(refs, "Secret", from.secretKeyRef, "name");
    }
    for (const e of recs(c.spec.envFrom)) {
      addRef(refs, "ConfigMap", e.configMapRef, "name");
      addRef(refs, "Secret", e.secretRef, "name");
    }
  }
  for (const v of recs(w.podSpec.volumes)) {
    addRef(refs, "ConfigMap", v.configMap, "name");
    addRef(refs, "Secret", v.secret, "secretName");
    for (const s of recs(dig(v, "projected", "sources"))) {
      addRef(refs, "ConfigMap", s.configMap, "name");
      addRef(refs, "Secret", s.secret, "name");
    }
  }
  return refs;
}

/** Names of the objects by namespace; a namespace is absent when the snapshot holds none of them. */
function namesByNamespace(objects: readonly K8sObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of objects) {
    const ns = o.metadata.namespace ?? "";
    const names = out.get(ns);
    if (names) names.add(o.metadata.name);
    else out.set(ns, new Set([o.metadata.name]));
  }
  return out;
}

export const configReferencesExist = defineCheck({
  id: "config-references-exist",
  title: "Referenced ConfigMaps and Secrets exist",
  category: "reliability",
  severity: "high",
  rationale:
    "A pod that needs a missing ConfigMap or Secret never starts (CreateContainerConfigError or a volume " +
    "that cannot mount), and a rollout that introduces the reference stalls. Snapshots often leave Secrets " +
    "out, so a kind is only checked in namespaces where the snapshot holds at least one object of that kind; " +
    "references marked optional are ignored.",
  remediation:
    "Create the missing object (or mark the reference optional: true when the workload copes without it), " +
    "and ship it with the workload that needs it.",
  references: ["https://kubernetes.io/docs/concepts/configuration/configmap/"],
  scope: { type: "workload" },
  prepare: (ctx) => ({
    configMaps: namesByNamespace(ctx.ofKind("ConfigMap")),
    secrets: namesByNamespace(ctx.ofKind("Secret")),
  }),
  // Neither kind is checked in a namespace whose ConfigMaps and Secrets the snapshot left out.
  applies: (w, ctx) =>
    ctx.prepared.configMaps.has(w.namespace ?? "") || ctx.prepared.secrets.has(w.namespace ?? ""),
  run(w, ctx) {
    const nsConfigMaps = ctx.prepared.configMaps.get(w.namespace ?? "");
    const nsSecrets = ctx.prepared.secrets.get(w.namespace ?? "");
    let checked = 0;
    const missing: string[] = [];
    for (const r of configReferences(w)) {
      const present = r.kind === "ConfigMap" ? nsConfigMaps : nsSecrets;
      if (!present || (r.kind === "ConfigMap" && IMPLICIT_CONFIGMAPS.has(r.name))) continue;
      checked++;
      if (present.has(r.name)) continue;
      const what = `${r.kind} ${r.name}`;
      if (!missing.includes(what)) missing.push(what);
    }
    if (checked === 0) return;
    const at = { path: w.podSpecPath };
    if (missing.length > 0) ctx.fail(`references missing ${missing.join(", ")}`, at);
    else ctx.pass(`${checked} reference(s) resolve`, at);
  },
});
