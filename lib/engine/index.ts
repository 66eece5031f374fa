// Public API of the snapshot & checks engine (pure TypeScript: no Next.js, no Prisma, no environment).
export { loadSnapshot, DEFAULT_LIMITS, type SnapshotInput } from "./snapshot/load";
export { SnapshotError, type SnapshotErrorCode, type SnapshotErrorLocation } from "./snapshot/errors";
export { REDACTED } from "./snapshot/redact";
export { analyze, checkCatalogue } from "./analyze";
export {
  AFFECTED_KEPT,
  SCORE_FORMULA,
  SEVERITY_WEIGHTS,
  firstAffected,
  gradeOf,
  type ListedFinding,
} from "./score";
export { MIN_SCORED_AUTOMATED, COVERAGE_RULE } from "./coverage";
export { EXEMPT_ANNOTATION, EXEMPT_REASON_ANNOTATION } from "./checks/run";
export { CATEGORIES, SEVERITIES } from "./types";
export type {
  Analysis,
  AnalyzeInput,
  AnalyzeOptions,
  Category,
  CertificateFact,
  CheckInfo,
  CheckMeta,
  CheckParamInfo,
  CheckResult,
  CheckStatus,
  CheckSummary,
  ClusterFacts,
  ExemptionRule,
  Finding,
  Grade,
  K8sMetadata,
  K8sObject,
  ObjectOrigin,
  Limits,
  LoadedSnapshot,
  ObjectRef,
  ReadinessScore,
  ScoreCoverage,
  RedactionCounts,
  ScorePart,
  Severity,
  SnapshotSource,
  SnapshotWarning,
  SourceFormat,
} from "./types";
export { SIZE_ERROR_CODES } from "./snapshot/errors";
export { ConfigError, parseAnalysisConfig, toAnalysisConfig, ZAnalysisConfig, ZCheckParams } from "./config";
export type { AnalysisConfig, AnalysisConfigFile } from "./config";
export { ENGINE_VERSION } from "./engine-version";
