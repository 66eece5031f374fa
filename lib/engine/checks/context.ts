import type { AnalyzeInput, K8sObject } from "../types";
import { dig, num, str } from "../util";
import { resolveBindings, type Binding } from "./rbac";
import { matchesSelector } from "./selectors";
import type { Autoscaler, CheckContext } from "./types";
import { isDuplicate, objectKey, toWorkload, type Workload } from "./workloads";

export { matchesSelector } from "./selectors";

const EMPTY: readonly never[] = [];

function nameKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}\u0000${name}`;
}

export function buildContext(input: AnalyzeInput, now: Date): CheckContext {
  const byKind = new Map<string, K8sObject[]>();
  const templates: Workload[] = [];
  const specless: Workload[] = [];
  const controllerNamespaces = new Set<string>();
  for (const obj of input.objects) {
    let list = byKind.get(obj.kind);
    if (!list) byKind.set(obj.kind, (list = []));
    list.push(obj);
    const w = toWorkload(obj);
    if (!w) continue;
    if (!w.hasPodSpec) {
      specless.push(w);
      continue;
    }
    templates.push(w);
    if (w.kind !== "Pod") controllerNamespaces.add(w.namespace ?? "");
  }
  // Objects by namespace and name, indexed per kind when a kind is first looked up: most kinds of a big
  // snapshot (Events, ConfigMaps, …) are never looked up by name.
  const byName = new Map<string, Map<string, K8sObject>>();
  const find = (kind: string, namespace: string | undefined, name: string): K8sObject | undefined => {
    let index = byName.get(kind);
    if (!index) {
      index = new Map();
      for (const o of byKind.get(kind) ?? EMPTY) index.set(nameKey(o.metadata.namespace, o.metadata.name), o);
      byName.set(kind, index);
    }
    return index.get(nameKey(namespace, name));
  };
  const present = {
    has: (kind: string, namespace: string | undefined, name: string) => !!find(kind, namespace, name),
  };
  const workloads = templates.filter((w) => !isDuplicate(w, present, controllerNamespaces));
  const workloadObjects =
    specless.length === 0
      ? workloads
      : workloads.concat(specless.filter((w) => !isDuplicate(w, present, controllerNamespaces)));
  const ofKind = (kind: string): readonly K8sObject[] => byKind.get(kind) ?? EMPTY;
  let bindings: Binding[] | undefined;

  // Label index per namespace: label key → value → pod templates carrying that label.
  const index = new Map<string, { all: Workload[]; byLabel: Map<string, Map<string, Workload[]>> }>();
  for (const w of templates) {
    const ns = w.namespace ?? "";
    let entry = index.get(ns);
    if (!entry) index.set(ns, (entry = { all: [], byLabel: new Map() }));
    entry.all.push(w);
    const labels = w.podLabels;
    for (const k in labels) {
      const v = labels[k] as string;
      let values = entry.byLabel.get(k);
      if (!values) entry.byLabel.set(k, (values = new Map<string, Workload[]>()));
      const l = values.get(v);
      if (l) l.push(w);
      else values.set(v, [w]);
    }
  }

  // HPAs by their target, built on first use: most checks never ask.
  let autoscalers: Map<string, Autoscaler> | undefined;
  const autoscalerOf = (w: Workload): Autoscaler | undefined => {
    if (!autoscalers) {
      autoscalers = new Map();
      for (const hpa of byKind.get("HorizontalPodAutoscaler") ?? EMPTY) {
        const kind = str(dig(hpa, "spec", "scaleTargetRef", "kind"));
        const name = str(dig(hpa, "spec", "scaleTargetRef", "name"));
        if (!kind || !name) continue;
        const key = objectKey(kind, hpa.metadata.namespace, name);
        if (autoscalers.has(key)) continue;
        const min = num(dig(hpa, "spec", "minReplicas")) ?? 1;
        autoscalers.set(key, { hpa, min, max: num(dig(hpa, "spec", "maxReplicas")) });
      }
    }
    return autoscalers.size > 0 ? autoscalers.get(objectKey(w.kind, w.namespace, w.name)) : undefined;
  };

  return {
    now,
    objects: input.objects,
    facts: input.facts,
    certificates: input.certificates,
    workloads,
    workloadObjects,
    templates,
    get bindings() {
      return (bindings ??= resolveBindings(ofKind, find));
    },
    ofKind,
    hasKind: (kind) => byKind.has(kind),
    find,
    autoscalerOf,
    // An HPA does nothing while its target is scaled to zero, so 0 stays 0.
    replicaFloor: (w) =>
      w.replicas === undefined || w.replicas === 0 ? w.replicas : (autoscalerOf(w)?.min ?? w.replicas),
    selectPodTemplates(namespace, selector) {
      const entry = index.get(namespace ?? "");
      if (!entry) return EMPTY;
      // Candidates: the templates carrying the rarest of the required labels.
      const labels = selector.matchLabels;
      let candidates = entry.all;
      let required = false;
      for (const k in labels) {
        required = true;
        const l = entry.byLabel.get(k)?.get(labels[k] as string);
        if (!l) return EMPTY;
        if (l.length < candidates.length) candidates = l;
      }
      if (!required && (selector.matchExpressions ?? []).length === 0) return entry.all;
      return candidates.filter((w) => matchesSelector(w.podLabels, selector));
    },
  };
}
