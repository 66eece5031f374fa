import type { AnalyzeInput, K8sObject } from "../types";
import type { CheckContext, LabelSelector } from "./types";
import { isDuplicate, toWorkload, type Workload } from "./workloads";

const EMPTY: readonly never[] = [];

function nameKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}\u0000${name}`;
}

export function matchesSelector(labels: Record<string, string>, selector: LabelSelector): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const value = labels[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
        if (value === undefined || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (value !== undefined && values.includes(value)) return false;
        break;
      case "Exists":
        if (value === undefined) return false;
        break;
      case "DoesNotExist":
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function buildContext(input: AnalyzeInput, now: Date): CheckContext {
  const byKind = new Map<string, K8sObject[]>();
  const templates: Workload[] = [];
  const controllerNamespaces = new Set<string>();
  for (const obj of input.objects) {
    let list = byKind.get(obj.kind);
    if (!list) byKind.set(obj.kind, (list = []));
    list.push(obj);
    const w = toWorkload(obj);
    if (w) {
      templates.push(w);
      if (w.kind !== "Pod") controllerNamespaces.add(w.namespace ?? "");
    }
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

  // Label index per namespace: "key=value" → pod templates carrying that label.
  const index = new Map<string, { all: Workload[]; byLabel: Map<string, Workload[]> }>();
  for (const w of templates) {
    const ns = w.namespace ?? "";
    let entry = index.get(ns);
    if (!entry) index.set(ns, (entry = { all: [], byLabel: new Map() }));
    entry.all.push(w);
    for (const [k, v] of Object.entries(w.podLabels)) {
      const key = `${k}=${v}`;
      let l = entry.byLabel.get(key);
      if (!l) entry.byLabel.set(key, (l = []));
      l.push(w);
    }
  }

  return {
    now,
    objects: input.objects,
    facts: input.facts,
    certificates: input.certificates,
    workloads,
    templates,
    ofKind: (kind) => byKind.get(kind) ?? EMPTY,
    hasKind: (kind) => byKind.has(kind),
    find,
    selectPodTemplates(namespace, selector) {
      const entry = index.get(namespace ?? "");
      if (!entry) return EMPTY;
      const labels = selector.matchLabels ?? {};
      if ((selector.matchExpressions ?? []).length === 0 && Object.keys(labels).length === 0)
        return entry.all;
      let candidates = entry.all;
      for (const [k, v] of Object.entries(labels)) {
        const l = entry.byLabel.get(`${k}=${v}`);
        if (!l) return EMPTY;
        if (l.length < candidates.length) candidates = l;
      }
      return candidates.filter((w) => matchesSelector(w.podLabels, selector));
    },
  };
}
