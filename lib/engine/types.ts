// Shared, JSON-friendly types of the snapshot & checks engine. Dates are ISO-8601 strings because the web
// app stores these values in the database and returns them as JSON unchanged.

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  "reliability",
  "security",
  "efficiency",
  "operations",
  "networking",
  "lifecycle",
] as const;
export type Category = (typeof CATEGORIES)[number];

export type CheckStatus = "pass" | "fail" | "skip" | "error" | "exempt";

export interface K8sMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

/** A Kubernetes object as loaded (already redacted). Everything below metadata is untrusted input. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: K8sMetadata;
  [key: string]: unknown;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  container?: string;
  /** Dotted JSON path of the offending field inside the object, when one applies. */
  path?: string;
}

export interface CheckMeta {
  id: string;
  title: string;
  category: Category;
  severity: Severity;
  rationale: string;
  remediation: string;
  references: string[];
}

/** A check's parameter, as the catalogue shows it (set from --config files and checklist items). */
export interface CheckParamInfo {
  name: string;
  default: unknown;
  description: string;
}

/** A check as the catalogue describes it: metadata plus what it judges and what can be tuned. */
export interface CheckInfo extends CheckMeta {
  /** What it judges, e.g. "each container (init and ephemeral included)", "each RBAC binding". */
  scope: string;
  params: CheckParamInfo[];
  /** The parts of a bundled check its results name (resource-limits: cpu, memory); exemptions may target one. */
  concerns: string[];
}

export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /** The check's severity, or a stronger/weaker one chosen by the evaluator for this result. */
  severity: Severity;
  message: string;
  /** null for cluster-wide results (e.g. the Kubernetes version) and for evaluator errors. */
  object: ObjectRef | null;
  /** The part of a bundled check the result is about (resource-limits: cpu or memory, …), when it names one. */
  concern?: string;
  exemptReason?: string;
}

export interface CertificateFact {
  secretNamespace?: string;
  secretName: string;
  /** Data key the certificate came from (tls.crt, ca.crt). */
  key: string;
  /** Position inside a PEM bundle (0 = first certificate). */
  index: number;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  fingerprint256: string;
  subjectAltNames?: string;
  isCA: boolean;
}

export interface ClusterFacts {
  /** Server version from a `kubectl version -o json` document, else the highest kubelet version. */
  kubernetesVersion: string | null;
  kubernetesVersionSource: "kubectl-version" | "node-kubelet" | null;
  kubeletVersions: string[];
  nodeCount: number;
  zones: string[];
  provider: string | null;
  /** Deployments, StatefulSets, DaemonSets, CronJobs and Jobs that no other object owns. */
  workloadCount: number;
  namespaces: string[];
  /** Objects were read back from an API server (status, resourceVersion or managedFields present). */
  isLive: boolean;
  objectCount: number;
  countsByKind: Record<string, number>;
  customResourceDefinitionCount: number;
}

export interface Limits {
  /** Total uncompressed bytes over all inputs. */
  maxBytes: number;
  maxObjects: number;
  /** Passed to yaml's maxAliasCount (alias expansion budget per document). */
  maxAliasCount: number;
  maxDepth: number;
  /** Files inside one .zip or .tar archive (directories not counted). */
  maxArchiveEntries: number;
  /** Uncompressed bytes of one file: an archive member or the content of a gzip stream. */
  maxEntryBytes: number;
}

export interface SnapshotWarning {
  file: string;
  /** 0-based document index in a YAML stream, or item index in a list; absent for file-level warnings. */
  document?: number;
  message: string;
}

/** What redaction removed, counted by kind of value (one per value or credential replaced). */
export interface RedactionCounts {
  /** Secrets whose data/stringData were dropped: listed objects and Secrets embedded in other objects. */
  secretsRedacted: number;
  secretValuesDropped: number;
  certificatesParsed: number;
  lastAppliedAnnotationsDropped: number;
  /** Whole literal values of secret-looking names in `env` and other name/value lists. */
  envValuesRedacted: number;
  configMapValuesRedacted: number;
  /** Passwords (or token user names) inside URLs, Go DSNs and Oracle thin URLs. */
  urlCredentialsRedacted: number;
  /** Secret fields of query strings and connection strings (`password=`, `Pwd=`, `AccountKey=`, `sig=`). */
  connectionStringValuesRedacted: number;
  /** Values of secret command-line flags (`--db-password=…`, `--token …`, `-Dtrust.password=…`). */
  argumentValuesRedacted: number;
  /** Tokens and keys by format (JWT, `ghp_`, `xox…`, `AKIA…`) and whole token-like annotation values. */
  tokensRedacted: number;
  /** PEM private keys (plain or base64) anywhere; any PEM block in an annotation value. */
  privateKeysRedacted: number;
}

export type SourceFormat = "json" | "json-list" | "json-lines" | "yaml" | "kubectl-version";

export interface SnapshotSource {
  file: string;
  format: SourceFormat;
  gzip: boolean;
  bytes: number;
  objects: number;
}

/** Where an object was read from, for reports such as SARIF. */
export interface ObjectOrigin {
  file: string;
  document?: number;
  line?: number;
}

export interface LoadedSnapshot {
  objects: K8sObject[];
  /**
   * Where each object was read from, by index into `objects`. Kept beside the objects rather than in a
   * WeakMap keyed by them: with tens of thousands of young keys, a WeakMap makes every scavenge slower.
   */
  origins: ObjectOrigin[];
  facts: ClusterFacts;
  certificates: CertificateFact[];
  warnings: SnapshotWarning[];
  redactions: RedactionCounts;
  sources: SnapshotSource[];
}

export type Grade = "A" | "B" | "C" | "D" | "F";

export interface ScorePart {
  score: number | null;
  grade: Grade | null;
  /** Checks that had at least one applicable (pass or fail) result and a non-zero weight. */
  scoredChecks: number;
  passed: number;
  failed: number;
}

/** What a score rests on. Below the coverage rule (lib/engine/coverage.ts) it carries no grade. */
export interface ScoreCoverage {
  /** False: too little was measured for a grade; `reasons` says why and grades are null. */
  sufficient: boolean;
  reasons: string[];
  /** Checks that ran. */
  total: number;
  /** Checks with a pass/fail ratio that entered the score. */
  scored: number;
  /** Checks without any passing or failing result (no applicable object, only exempt or errors). */
  notApplicable: number;
  /** Checks that passed only vacuously (nothing to examine); shown, never counted. */
  vacuous: number;
  objectsExamined: number | null;
  workloads: number | null;
}

export interface ReadinessScore extends ScorePart {
  categories: Record<Category, ScorePart>;
  /** Absent on analyses stored before coverage was introduced. */
  coverage?: ScoreCoverage;
  weights: Record<Severity, number>;
  formula: string;
}

export interface CheckSummary extends CheckMeta {
  counts: Record<CheckStatus, number>;
  /** Most serious status among the results (error > fail > exempt > pass > skip); null without results. */
  worst: CheckStatus | null;
  /** pass / (pass + fail), null when nothing was applicable. */
  passRatio: number | null;
}

export interface Finding {
  checkId: string;
  title: string;
  category: Category;
  severity: Severity;
  remediation: string;
  affectedCount: number;
  /** Each failing result; `concern` names the part of a bundled check that failed. */
  affected: { object: ObjectRef | null; message: string; severity: Severity; concern?: string }[];
}

export interface Analysis {
  results: CheckResult[];
  checks: CheckSummary[];
  score: ReadinessScore;
  findings: Finding[];
}

export interface AnalyzeInput {
  objects: readonly K8sObject[];
  facts: ClusterFacts;
  certificates: readonly CertificateFact[];
}

/**
 * An exemption managed outside the objects (an admin in the web app, a CLI --config file). Unset scope
 * fields match everything; namespace, name and container accept glob patterns (`*` any run of characters,
 * `?` one character), and checkId "*" exempts from every check.
 */
export interface ExemptionRule {
  checkId: string;
  /** Only results about this part of the check (e.g. resource-limits' `cpu`); unset: every result. */
  concern?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  container?: string;
  reason: string;
  /** ISO-8601 date or date-time after which the rule no longer applies. */
  expires?: string;
}

export interface AnalyzeOptions {
  now?: Date;
  disabled?: readonly string[];
  severityOverrides?: Readonly<Record<string, Severity>>;
  /**
   * Parameter values by check id, then parameter name (see the catalogue); unset ones keep their defaults.
   * A check given an unknown parameter or an invalid value gives one `error` result.
   */
  params?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  exemptions?: readonly ExemptionRule[];
  /**
   * Which results the analysis keeps: "all" (the default) or "notable" (fail, exempt and error only).
   * Summaries, score and findings are the same either way; "notable" saves the memory and time of
   * hundreds of thousands of passing results on a big snapshot, for consumers that never show them.
   */
  results?: "all" | "notable";
  /** Called after each check with how many of the enabled checks have run (for progress bars). */
  onCheck?: (done: number, total: number) => void;
}
