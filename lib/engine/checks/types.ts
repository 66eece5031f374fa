import type { z } from "zod";
import type {
  CertificateFact,
  CheckMeta,
  CheckResult,
  ClusterFacts,
  K8sObject,
  ObjectRef,
  Severity,
} from "../types";
import type { Binding, RbacRule } from "./rbac";
import type { ContainerInfo, Workload } from "./workloads";

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: readonly string[] }[];
}

/** The whole snapshot seen through indexes, so cross-object checks never compare all pairs. */
export interface CheckContext {
  readonly now: Date;
  readonly objects: readonly K8sObject[];
  readonly facts: ClusterFacts;
  readonly certificates: readonly CertificateFact[];
  /** Pod-bearing objects after de-duplication (no ReplicaSet of a Deployment also in the snapshot, …). */
  readonly workloads: readonly Workload[];
  /**
   * The de-duplicated workloads plus objects of a workload kind that carry no pod spec (fragments): what
   * metadata checks judge.
   */
  readonly workloadObjects: readonly Workload[];
  /** Every object carrying a pod spec, duplicates (ReplicaSets of Deployments, their Pods) included. */
  readonly templates: readonly Workload[];
  /** Every RoleBinding and ClusterRoleBinding with its role's rules resolved (aggregation included). */
  readonly bindings: readonly Binding[];
  ofKind(kind: string): readonly K8sObject[];
  hasKind(kind: string): boolean;
  find(kind: string, namespace: string | undefined, name: string): K8sObject | undefined;
  /** Every pod template or Pod (duplicates included) whose labels match the selector in that namespace. */
  selectPodTemplates(namespace: string | undefined, selector: LabelSelector): readonly Workload[];
  /** The HorizontalPodAutoscaler whose scaleTargetRef names this workload (kind, namespace, name). */
  autoscalerOf(w: Workload): Autoscaler | undefined;
  /**
   * The fewest replicas the workload runs: the HPA's minReplicas when an HPA scales it (it overrides
   * spec.replicas), else spec.replicas; undefined for kinds without replicas (DaemonSet, Job, Pod).
   */
  replicaFloor(w: Workload): number | undefined;
}

export interface Autoscaler {
  hpa: K8sObject;
  min: number;
  max: number | undefined;
}

/** What a check gives for one subject: a result that the engine stamps with the check's id and severity. */
export interface Outcome extends CheckResult {
  status: "pass" | "fail" | "skip";
}

/**
 * Where a check's results go, one at a time as they are made: those of a status nobody reads (passing and
 * skipped ones when only notable results are kept) are only counted, and never built.
 */
export interface OutcomeSink {
  wants(status: Outcome["status"]): boolean;
  count(status: Outcome["status"]): void;
  add(outcome: Outcome): void;
}

// ---------------------------------------------------------------------------------------------------------
// Declaring checks (see define.ts)

/**
 * What a check judges, one result (or none) per subject:
 * - `kinds`: every object of the listed kinds (`*`: every object);
 * - `workload`: every object carrying a pod template, recognised by shape (Deployment, StatefulSet,
 *   DaemonSet, ReplicaSet, Job, CronJob's jobTemplate, Pod, PodTemplate, DeploymentConfig, Rollout, any
 *   custom resource with spec.template.spec.containers), de-duplicated in live dumps; with `specless`,
 *   also objects of a workload kind that carry no pod spec (metadata checks);
 * - `container`: every container of those workloads: `regular` ones, `runtime` (regular and init) or
 *   `all` (ephemeral debug containers too);
 * - `binding`: every RoleBinding and ClusterRoleBinding not created by the API server, with its role's
 *   rules resolved (who gets what, where); a binding whose role is not in the input is skipped;
 * - `cluster`: the snapshot once.
 */
export type Scope =
  | { readonly type: "kinds"; readonly kinds: readonly string[] | "*" }
  | { readonly type: "workload"; readonly specless?: boolean }
  | { readonly type: "container"; readonly containers: "regular" | "runtime" | "all" }
  | { readonly type: "binding" }
  | { readonly type: "cluster" };

interface Subjects {
  kinds: K8sObject;
  workload: Workload;
  container: ContainerInfo;
  /** The engine skips bindings whose role is unknown: a subject's rules are always there. */
  binding: Binding & { rules: readonly RbacRule[] };
  cluster: null;
}
export type SubjectOf<S extends Scope> = Subjects[S["type"]];

/** A typed parameter with its default; `schema` validates values from --config files and checklists. */
export interface ParamSpec<T = unknown> {
  readonly schema: z.ZodType<T>;
  readonly default: T;
  readonly description: string;
}
export type ParamSpecs = Readonly<Record<string, ParamSpec>>;
export type ParamValues<P extends ParamSpecs> = { readonly [K in keyof P]: P[K]["default"] };
/** Parameter values by check id, then by parameter name (unset ones take their defaults). */
export type CheckParams = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Where a result points, and how it differs from the check's defaults. */
export interface At {
  /** Dotted path inside the subject's object, from its root. */
  path?: string;
  /** Path relative to the subject: its container (container scope) or its pod spec (workload scope). */
  field?: string;
  /** A container of the workload (workload scope); `field` is then relative to that container. */
  container?: ContainerInfo;
  /** Another object (a Namespace, a Secret holding a certificate), or null for a cluster-wide result. */
  object?: ObjectRef | null;
  /** This result's severity instead of the check's. */
  severity?: Severity;
  /** Which part of a bundled check this result is about (cpu or memory, min or max, …). */
  concern?: string;
}

/** What `run` sees: the snapshot, the check's parameters and what `prepare` built, and how to emit. */
export interface RunContext<P = Readonly<Record<string, unknown>>, T = unknown> extends CheckContext {
  readonly params: P;
  readonly prepared: T;
  pass(message: string, at?: At): void;
  fail(message: string, at?: At): void;
  skip(message: string, at?: At): void;
}

/** A registered check: metadata, declaration and the engine-made evaluator. */
export interface Check extends CheckMeta {
  readonly scope: Scope;
  readonly params: ParamSpecs;
  /** The parts of a bundled check its results name in `concern`. */
  readonly concerns: readonly string[];
  /** Hands every result of the check on the snapshot to `sink`; parameter values must already be valid. */
  evaluate(
    ctx: CheckContext,
    options: { severity: Severity; params: Readonly<Record<string, unknown>> },
    sink: OutcomeSink,
  ): void;
}
