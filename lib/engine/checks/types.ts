import type { CertificateFact, CheckMeta, CheckResult, ClusterFacts, K8sObject } from "../types";
import type { Workload } from "./workloads";

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
  /** Every object carrying a pod spec, duplicates (ReplicaSets of Deployments, their Pods) included. */
  readonly templates: readonly Workload[];
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

/** What an evaluator returns: results built by outcome() (which stamps the check's id and severity). */
export interface Outcome extends CheckResult {
  status: "pass" | "fail" | "skip";
}

export interface Check extends CheckMeta {
  evaluate(ctx: CheckContext): Outcome[];
}
