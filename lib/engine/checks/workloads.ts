// Finds pod specs in workload objects and decides which objects stand for a workload, so that a live dump
// with Deployments, their ReplicaSets and their Pods reports each problem once.
import type { K8sObject, ObjectRef } from "../types";
import { dig, num, rec, recs, str, stringValues } from "../util";

export type ContainerType = "container" | "initContainer" | "ephemeralContainer";

export interface ContainerInfo {
  spec: Record<string, unknown>;
  name: string;
  type: ContainerType;
  path: string;
  /** containerRef's shared reference (container and path, no field), made on first use. */
  ref: ObjectRef | undefined;
}

export interface Workload {
  object: K8sObject;
  kind: string;
  namespace: string | undefined;
  name: string;
  podSpec: Record<string, unknown>;
  podSpecPath: string;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  /** Regular containers, then init containers, then ephemeral ones. */
  containers: ContainerInfo[];
  /** The regular containers (a prefix of `containers`; the same array when there are no others). */
  regular: readonly ContainerInfo[];
  /** Regular and init containers (no ephemeral ones); the same array when there are no others. */
  runtime: readonly ContainerInfo[];
  /** Runs until stopped (not a Job, CronJob or a Pod that a Job owns). */
  longRunning: boolean;
  /** Desired replicas for replicated kinds (default 1); undefined for the others. */
  replicas: number | undefined;
}

const TEMPLATE_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
]);
const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]);

// Plain references (no container, no path) are shared between the results of all checks: a snapshot
// of 50,000 objects otherwise allocates one identical reference per object per check.
const PLAIN_REFS = new WeakMap<K8sObject, ObjectRef>();

export function refOf(obj: K8sObject, extra?: { container?: string; path?: string }): ObjectRef {
  if (extra === undefined) {
    let cached = PLAIN_REFS.get(obj);
    if (!cached) PLAIN_REFS.set(obj, (cached = makeRef(obj)));
    return cached;
  }
  return makeRef(obj, extra);
}

function makeRef(obj: K8sObject, extra?: { container?: string; path?: string }): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace !== undefined) ref.namespace = obj.metadata.namespace;
  if (extra?.container !== undefined) ref.container = extra.container;
  if (extra?.path !== undefined) ref.path = extra.path;
  return ref;
}

export function containerRef(w: Workload, c: ContainerInfo, field?: string): ObjectRef {
  if (field) return makeRef(w.object, { container: c.name, path: `${c.path}.${field}` });
  return (c.ref ??= makeRef(w.object, { container: c.name, path: c.path }));
}

function addContainers(
  out: ContainerInfo[],
  podSpec: Record<string, unknown>,
  path: string,
  field: string,
  type: ContainerType,
): void {
  const specs = recs(podSpec[field]);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i] as Record<string, unknown>;
    const name = str(spec.name) ?? `#${i}`;
    out.push({ spec, name, type, path: `${path}.${field}[${i}]`, ref: undefined });
  }
}

/** Extracts the pod spec of a workload kind; undefined for kinds that carry none. */
export function toWorkload(obj: K8sObject): Workload | undefined {
  let podSpec: Record<string, unknown> | undefined;
  let path: string;
  let meta: Record<string, unknown> | undefined;
  if (obj.kind === "Pod") {
    podSpec = rec(obj.spec);
    path = "spec";
    meta = obj.metadata;
  } else if (obj.kind === "CronJob") {
    const tpl = rec(dig(obj, "spec", "jobTemplate", "spec", "template"));
    podSpec = rec(tpl?.spec);
    path = "spec.jobTemplate.spec.template.spec";
    meta = rec(tpl?.metadata);
  } else if (TEMPLATE_KINDS.has(obj.kind)) {
    const tpl = rec(dig(obj, "spec", "template"));
    podSpec = rec(tpl?.spec);
    path = "spec.template.spec";
    meta = rec(tpl?.metadata);
  } else {
    return undefined;
  }
  if (!podSpec) return undefined;
  const containers: ContainerInfo[] = [];
  addContainers(containers, podSpec, path, "containers", "container");
  const regularCount = containers.length;
  addContainers(containers, podSpec, path, "initContainers", "initContainer");
  const runtimeCount = containers.length;
  addContainers(containers, podSpec, path, "ephemeralContainers", "ephemeralContainer");
  const owners = recs(obj.metadata.ownerReferences);
  const jobOwned = obj.kind === "Pod" && owners.some((o) => o.kind === "Job");
  return {
    object: obj,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    podSpec,
    podSpecPath: path,
    podLabels: obj.kind === "Pod" ? (obj.metadata.labels ?? {}) : stringValues(meta?.labels),
    podAnnotations: obj.kind === "Pod" ? (obj.metadata.annotations ?? {}) : stringValues(meta?.annotations),
    containers,
    regular: regularCount === containers.length ? containers : containers.slice(0, regularCount),
    runtime: runtimeCount === containers.length ? containers : containers.slice(0, runtimeCount),
    longRunning: obj.kind !== "Job" && obj.kind !== "CronJob" && !jobOwned,
    replicas: REPLICATED.has(obj.kind) ? (num(dig(obj, "spec", "replicas")) ?? 1) : undefined,
  };
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ""}\u0000${name}`;
}

function controllerOwner(obj: K8sObject): Record<string, unknown> | undefined {
  const owners = recs(obj.metadata.ownerReferences);
  return owners.find((o) => o.controller === true) ?? owners[0];
}

/**
 * Whether a workload is represented by another object of the snapshot: a ReplicaSet whose Deployment is
 * present (or an old, scaled-to-zero revision), a Job whose CronJob is present, a Pod whose controller or
 * any pod controller of its namespace is present.
 */
export function isDuplicate(
  w: Workload,
  present: { has(kind: string, namespace: string | undefined, name: string): boolean },
  controllerNamespaces: ReadonlySet<string>,
): boolean {
  const owner = controllerOwner(w.object);
  if (!owner) return false;
  const ownerKind = str(owner.kind);
  const ownerName = str(owner.name);
  if (!ownerKind || !ownerName) return false;
  const ownerPresent = present.has(ownerKind, w.namespace, ownerName);
  if (w.kind === "Pod") return ownerPresent || controllerNamespaces.has(w.namespace ?? "");
  if (w.kind === "ReplicaSet" && ownerKind === "Deployment") return ownerPresent || w.replicas === 0;
  return ownerPresent;
}
