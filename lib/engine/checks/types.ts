import type { CertificateFact, CheckMeta, ClusterFacts, K8sObject, ObjectRef, Severity } from "../types";
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
}

export interface Outcome {
  /** "" when built by outcome(); runChecks fills it in (and then uses the object as the result). */
  checkId?: string;
  status: "pass" | "fail" | "skip";
  /** Overrides the check's severity for this result (e.g. an already expired certificate). */
  severity?: Severity;
  message: string;
  object: ObjectRef | null;
}

export interface Check extends CheckMeta {
  evaluate(ctx: CheckContext): Outcome[];
}
