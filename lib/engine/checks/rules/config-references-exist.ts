import { dig, rec, recs, str } from "../../util";
import type { Check, Outcome } from "../types";
import { refOf, type Workload } from "../workloads";
import { outcome } from "../outcome";

// Created in every namespace by the API server; manifests never carry it.
const IMPLICIT = new Set(["ConfigMap/kube-root-ca.crt"]);

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
      addRef(refs, "ConfigMap", dig(e, "valueFrom", "configMapKeyRef"), "name");
      addRef(refs, "Secret", dig(e, "valueFrom", "secretKeyRef"), "name");
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

export const configReferencesExist: Check = {
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
  evaluate(ctx) {
    const present = new Set<string>();
    const kindsInNamespace = new Set<string>();
    for (const kind of ["ConfigMap", "Secret"]) {
      for (const o of ctx.ofKind(kind)) {
        present.add(`${kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`);
        kindsInNamespace.add(`${kind}/${o.metadata.namespace ?? ""}`);
      }
    }
    const out: Outcome[] = [];
    for (const w of ctx.workloads) {
      const ns = w.namespace ?? "";
      const refs = configReferences(w).filter(
        (r) => !IMPLICIT.has(`${r.kind}/${r.name}`) && kindsInNamespace.has(`${r.kind}/${ns}`),
      );
      if (refs.length === 0) continue;
      const missing = [
        ...new Set(
          refs.filter((r) => !present.has(`${r.kind}/${ns}/${r.name}`)).map((r) => `${r.kind} ${r.name}`),
        ),
      ];
      const object = refOf(w.object, { path: w.podSpecPath });
      out.push(
        missing.length > 0
          ? outcome("fail", `references missing ${missing.join(", ")}`, object)
          : outcome("pass", `${refs.length} reference(s) resolve`, object),
      );
    }
    return out;
  },
};
