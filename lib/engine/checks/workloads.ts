// Finds pod specs in workload objects and decides which objects stand for a workload, so that a live dump
// with Deployments, their ReplicaSets and their Pods reports each problem once.
import type { K8sObject, ObjectRef } from "../types";
import { dig, num, rec, recs, str, stringValues } from "../util";

export type ContainerType = "container" | "initContainer" | "ephemeralContainer";

export interface ContainerInfo {
  /** The workload the container belongs to (per-container checks receive the container alone). */
  workload: Workload;
  spec: Record<string, unknown>;
  name: string;
  type: ContainerType;
  path: string;
  /** containerRef's shared reference (container and path, no field), made on first use. */
  ref: ObjectRef | undefined;
}

export interface Workload {
  object: K8sObject;
  /** The object's kind: Deployment, …, or any other kind recognised by its pod template's shape. */
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
  /**
   * Desired replicas for replicated kinds (default 1) and for other kinds that state spec.replicas;
   * undefined for the others (DaemonSet, Job, Pod, a custom resource without spec.replicas).
   */
  replicas: number | undefined;
  /** False for an object of a workload kind that carries no pod spec (a fragment): metadata checks only. */
  hasPodSpec: boolean;
}

// Kinds whose pod template sits at spec.template. Other kinds are recognised by shape: any object with
// spec.template.spec.containers (an OpenShift DeploymentConfig, an Argo Rollout, a Knative Service, …) or
// spec.jobTemplate.spec.template.spec.containers is a workload too.
const TEMPLATE_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "DeploymentConfig",
  "Rollout",
]);
/** Kinds that are workloads whatever they carry: metadata checks judge them even without a spec. */
export const WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  ...TEMPLATE_KINDS,
  "CronJob",
  "Pod",
  "PodTemplate",
]);
/** Replicated kinds: spec.replicas defaults to 1. */
const REPLICATED = new Set([
  "Deployment",
  "StatefulSet",
  "ReplicaSet",
  "ReplicationController",
  "DeploymentConfig",
  "Rollout",
]);
const BATCH = new Set(["Job", "CronJob"]);

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
  workload: Workload,
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
    out.push({ workload, spec, name, type, path: `${path}.${field}[${i}]`, ref: undefined });
  }
}

/** Where an object carries its pod template: known kinds by kind, others by shape. */
function podTemplate(obj: K8sObject): { spec: unknown; path: string; meta: unknown } | undefined {
  if (obj.kind === "Pod") return { spec: obj.spec, path: "spec", meta: obj.metadata };
  if (obj.kind === "PodTemplate") {
    const tpl = rec(obj.template);
    return { spec: tpl?.spec, path: "template.spec", meta: tpl?.metadata };
  }
  const spec = rec(obj.spec);
  if (obj.kind === "CronJob" || (!TEMPLATE_KINDS.has(obj.kind) && spec?.jobTemplate !== undefined)) {
    const tpl = rec(dig(spec, "jobTemplate", "spec", "template"));
    if (obj.kind !== "CronJob" && !Array.isArray(dig(tpl, "spec", "containers"))) return undefined;
    return { spec: tpl?.spec, path: "spec.jobTemplate.spec.template.spec", meta: tpl?.metadata };
  }
  const tpl = rec(spec?.template);
  if (!TEMPLATE_KINDS.has(obj.kind) && !Array.isArray(dig(tpl, "spec", "containers"))) return undefined;
  return { spec: tpl?.spec, path: "spec.template.spec", meta: tpl?.metadata };
}

/**
 * The workload an object stands for: its pod spec, containers and replicas. Undefined for objects that are
 * neither of a workload kind nor shaped like one. An object of a workload kind without a pod spec (a
 * fragment) is a workload without containers and with hasPodSpec false.
 */
export function toWorkload(obj: K8sObject): Workload | undefined {
  const found = podTemplate(obj);
  const known = WORKLOAD_KINDS.has(obj.kind);
  if (!found && !known) return undefined;
  const podSpec = rec(found?.spec);
  if (!podSpec && !known) return undefined;
  const path = found?.path ?? "spec";
  const meta = rec(found?.meta);
  const owners = recs(obj.metadata.ownerReferences);
  const jobOwned = obj.kind === "Pod" && owners.some((o) => o.kind === "Job");
  const replicas = num(dig(obj, "spec", "replicas"));
  const containers: ContainerInfo[] = [];
  const w: Workload = {
    object: obj,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    podSpec: podSpec ?? {},
    podSpecPath: path,
    podLabels: obj.kind === "Pod" ? (obj.metadata.labels ?? {}) : stringValues(meta?.labels),
    podAnnotations: obj.kind === "Pod" ? (obj.metadata.annotations ?? {}) : stringValues(meta?.annotations),
    containers,
    regular: containers,
    runtime: containers,
    longRunning:
      !BATCH.has(obj.kind) && !jobOwned && !(path.startsWith("spec.jobTemplate") && obj.kind !== "CronJob"),
    replicas: REPLICATED.has(obj.kind) ? (replicas ?? 1) : replicas,
    hasPodSpec: podSpec !== undefined,
  };
  if (!podSpec) return w;
  addContainers(w, containers, podSpec, path, "containers", "container");
  const regularCount = containers.length;
  addContainers(w, containers, podSpec, path, "initContainers", "initContainer");
  const runtimeCount = containers.length;
  addContainers(w, containers, podSpec, path, "ephemeralContainers", "ephemeralContainer");
  if (regularCount !== containers.length) w.regular = containers.slice(0, regularCount);
  if (runtimeCount !== containers.length) w.runtime = containers.slice(0, runtimeCount);
  return w;
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ""}\u0000${name}`;
}

function controllerOwner(obj: K8sObject): Record<string, unknown> | undefined {
  const owners = recs(obj.metadata.ownerReferences);
  return owners.find((o) => o.controller === true) ?? owners[0];
}

/**
 * Whether a workload is represented by another object of the snapshot: a ReplicaSet (or ReplicationController)
 * whose owner is present (or an old, scaled-to-zero revision), a Job whose CronJob is present, a Pod whose controller or
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
  // An old revision of a Deployment, DeploymentConfig or Rollout, scaled to zero.
  if (w.kind === "ReplicaSet" || w.kind === "ReplicationController") return ownerPresent || w.replicas === 0;
  return ownerPresent;
}

/** Runs on a schedule: a CronJob, or any object carrying its pod template under spec.jobTemplate. */
export function isScheduled(w: Workload): boolean {
  return w.podSpecPath.startsWith("spec.jobTemplate");
}

/** Runs a number of identical replicas that stay up (a Deployment, StatefulSet, Rollout, …). */
export function isReplicated(w: Workload): boolean {
  return w.replicas !== undefined && w.longRunning;
}
