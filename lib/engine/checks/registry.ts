// Every check Kubeready runs, in report order (by category). The catalogue is generated from this list.
import { capabilitiesDropAll } from "./rules/capabilities-drop-all";
import { clusterAdminBinding } from "./rules/cluster-admin-binding";
import { cronjobDeadlineConcurrency } from "./rules/cronjob-deadline-concurrency";
import { cronjobHistoryLimits } from "./rules/cronjob-history-limits";
import { cronjobResources } from "./rules/cronjob-resources";
import { dangerousCapabilities } from "./rules/dangerous-capabilities";
import { defaultNamespace } from "./rules/default-namespace";
import { deprecatedApiVersion } from "./rules/deprecated-api-version";
import { dnsNdots } from "./rules/dns-ndots";
import { hostNamespaces } from "./rules/host-namespaces";
import { hostPathVolume } from "./rules/host-path-volume";
import { hpaTargetExists } from "./rules/hpa-target-exists";
import { imagePullPolicyAlways } from "./rules/image-pull-policy-always";
import { imageTagPinned } from "./rules/image-tag-pinned";
import { ingressTls } from "./rules/ingress-tls";
import { jobTtlAfterFinished } from "./rules/job-ttl-after-finished";
import { jvmMemoryHeadroom } from "./rules/jvm-memory-headroom";
import { kubernetesVersionEol } from "./rules/kubernetes-version-eol";
import { livenessProbe } from "./rules/liveness-probe";
import { namespaceQuotas } from "./rules/namespace-quotas";
import { networkPolicyCoverage } from "./rules/network-policy-coverage";
import { nodeConditions } from "./rules/node-conditions";
import { nodeVersionSkew } from "./rules/node-version-skew";
import { pdbCoverage } from "./rules/pdb-coverage";
import { podAntiAffinity } from "./rules/pod-anti-affinity";
import { podHealth } from "./rules/pod-health";
import { privilegeEscalation } from "./rules/privilege-escalation";
import { privilegedContainer } from "./rules/privileged-container";
import { rbacWildcard } from "./rules/rbac-wildcard";
import { readOnlyRootFilesystem } from "./rules/read-only-root-filesystem";
import { readinessProbe } from "./rules/readiness-probe";
import { resourceLimits } from "./rules/resource-limits";
import { resourceRequests } from "./rules/resource-requests";
import { runAsNonRoot } from "./rules/run-as-non-root";
import { secretInPlainConfig } from "./rules/secret-in-plain-config";
import { serviceAccountTokenAutomount } from "./rules/service-account-token-automount";
import { serviceSelectorMatches } from "./rules/service-selector-matches";
import { singleReplica } from "./rules/single-replica";
import { startupProbeStateful } from "./rules/startup-probe-stateful";
import { tlsCertificateExpiry } from "./rules/tls-certificate-expiry";
import type { Check } from "./types";

export const CHECKS: readonly Check[] = [
  hpaTargetExists,
  imagePullPolicyAlways,
  jvmMemoryHeadroom,
  livenessProbe,
  pdbCoverage,
  podAntiAffinity,
  podHealth,
  readinessProbe,
  singleReplica,
  startupProbeStateful,
  capabilitiesDropAll,
  clusterAdminBinding,
  dangerousCapabilities,
  hostNamespaces,
  hostPathVolume,
  privilegeEscalation,
  privilegedContainer,
  rbacWildcard,
  readOnlyRootFilesystem,
  runAsNonRoot,
  secretInPlainConfig,
  serviceAccountTokenAutomount,
  cronjobResources,
  namespaceQuotas,
  resourceLimits,
  resourceRequests,
  cronjobDeadlineConcurrency,
  cronjobHistoryLimits,
  defaultNamespace,
  imageTagPinned,
  jobTtlAfterFinished,
  nodeConditions,
  dnsNdots,
  ingressTls,
  networkPolicyCoverage,
  serviceSelectorMatches,
  deprecatedApiVersion,
  kubernetesVersionEol,
  nodeVersionSkew,
  tlsCertificateExpiry,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function getCheck(id: string): Check | undefined {
  return BY_ID.get(id);
}
