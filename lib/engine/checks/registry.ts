// Every check Kubeready runs, in report order (by category, then id). The catalogue is generated from this list.
import { apparmorProfile } from "./rules/apparmor-profile";
import { capabilitiesDropAll } from "./rules/capabilities-drop-all";
import { certificateAutomation } from "./rules/certificate-automation";
import { clusterAdminBinding } from "./rules/cluster-admin-binding";
import { configReferencesExist } from "./rules/config-references-exist";
import { containerPortNames } from "./rules/container-port-names";
import { crdCount } from "./rules/crd-count";
import { cronjobDeadlineConcurrency } from "./rules/cronjob-deadline-concurrency";
import { cronjobDedicatedNodes } from "./rules/cronjob-dedicated-nodes";
import { cronjobHistoryLimits } from "./rules/cronjob-history-limits";
import { cronjobResources } from "./rules/cronjob-resources";
import { dangerousCapabilities } from "./rules/dangerous-capabilities";
import { databaseBackup } from "./rules/database-backup";
import { defaultNamespace } from "./rules/default-namespace";
import { defaultServiceAccount } from "./rules/default-service-account";
import { deploymentStrategy } from "./rules/deployment-strategy";
import { deprecatedApiVersion } from "./rules/deprecated-api-version";
import { deprecatedServiceAccountField } from "./rules/deprecated-service-account-field";
import { dnsNdots } from "./rules/dns-ndots";
import { duplicateEnvVars } from "./rules/duplicate-env-vars";
import { ephemeralStorage } from "./rules/ephemeral-storage";
import { hostNamespaces } from "./rules/host-namespaces";
import { hostPathVolume } from "./rules/host-path-volume";
import { hostPathWritable } from "./rules/host-path-writable";
import { hostPort } from "./rules/host-port";
import { hpaSanity } from "./rules/hpa-sanity";
import { hpaTargetExists } from "./rules/hpa-target-exists";
import { hpaTargetReplicasUnset } from "./rules/hpa-target-replicas-unset";
import { imagePullPolicyAlways } from "./rules/image-pull-policy-always";
import { imageTagPinned } from "./rules/image-tag-pinned";
import { ingressBackendService } from "./rules/ingress-backend-service";
import { ingressHostConflict } from "./rules/ingress-host-conflict";
import { ingressTls } from "./rules/ingress-tls";
import { jobTtlAfterFinished } from "./rules/job-ttl-after-finished";
import { jvmMemoryHeadroom } from "./rules/jvm-memory-headroom";
import { kubernetesVersionEol } from "./rules/kubernetes-version-eol";
import { labelValuesValid } from "./rules/label-values-valid";
import { livenessProbe } from "./rules/liveness-probe";
import { memoryRequestEqualsLimit } from "./rules/memory-request-equals-limit";
import { alertingAgent, loggingAgent, monitoringAgent } from "./rules/monitoring-agent";
import { multipleNodes } from "./rules/multiple-nodes";
import { multipleZones } from "./rules/multiple-zones";
import { nakedPod } from "./rules/naked-pod";
import { namespaceQuotas } from "./rules/namespace-quotas";
import { netRawDropped } from "./rules/net-raw-dropped";
import { networkPolicyCoverage } from "./rules/network-policy-coverage";
import { networkPolicyPeersSelectPods } from "./rules/network-policy-peers-select-pods";
import { networkPolicyTargetsPods } from "./rules/network-policy-targets-pods";
import { nodeConditions } from "./rules/node-conditions";
import { nodeVersionSkew } from "./rules/node-version-skew";
import { pdbBlocksEviction } from "./rules/pdb-blocks-eviction";
import { pdbCoverage } from "./rules/pdb-coverage";
import { pdbHasPolicy } from "./rules/pdb-has-policy";
import { pdbUnhealthyEvictionPolicy } from "./rules/pdb-unhealthy-eviction-policy";
import { podAntiAffinity } from "./rules/pod-anti-affinity";
import { podHealth } from "./rules/pod-health";
import { priorityClass } from "./rules/priority-class";
import { privilegeEscalation } from "./rules/privilege-escalation";
import { privilegedContainer } from "./rules/privileged-container";
import { privilegedPorts } from "./rules/privileged-ports";
import { probePortsDeclared } from "./rules/probe-ports-declared";
import { probesIdentical } from "./rules/probes-identical";
import { procMount } from "./rules/proc-mount";
import { rbacCreatePods } from "./rules/rbac-create-pods";
import { rbacEscalationVerbs } from "./rules/rbac-escalation-verbs";
import { rbacPodsExec } from "./rules/rbac-pods-exec";
import { rbacSecretsRead } from "./rules/rbac-secrets-read";
import { rbacWildcard } from "./rules/rbac-wildcard";
import { readOnlyRootFilesystem } from "./rules/read-only-root-filesystem";
import { readinessProbe } from "./rules/readiness-probe";
import { resourceLimits } from "./rules/resource-limits";
import { resourceRequests } from "./rules/resource-requests";
import { restartPolicy } from "./rules/restart-policy";
import { runAsHighIds } from "./rules/run-as-high-ids";
import { runAsNonRoot } from "./rules/run-as-non-root";
import { runAsRootUser } from "./rules/run-as-root-user";
import { sccPrivileged } from "./rules/scc-privileged";
import { seccompProfile } from "./rules/seccomp-profile";
import { secretEnvVars } from "./rules/secret-env-vars";
import { secretInPlainConfig } from "./rules/secret-in-plain-config";
import { securityContextConsistent } from "./rules/security-context-consistent";
import { selectorMatchesTemplate } from "./rules/selector-matches-template";
import { selinuxOptions } from "./rules/selinux-options";
import { sensitiveHostMounts } from "./rules/sensitive-host-mounts";
import { serviceAccountExists } from "./rules/service-account-exists";
import { serviceAccountTokenAutomount } from "./rules/service-account-token-automount";
import { serviceExposure } from "./rules/service-exposure";
import { serviceMonitorTargetsService } from "./rules/service-monitor-targets-service";
import { serviceSelectorMatches } from "./rules/service-selector-matches";
import { serviceTargetPort } from "./rules/service-target-port";
import { singleReplica } from "./rules/single-replica";
import { sshPort } from "./rules/ssh-port";
import { stagingProductionShared } from "./rules/staging-production-shared";
import { startupProbeStateful } from "./rules/startup-probe-stateful";
import { statefulsetServiceName } from "./rules/statefulset-service-name";
import { terminatedPodPileup } from "./rules/terminated-pod-pileup";
import { terminationGracePeriod } from "./rules/termination-grace-period";
import { tlsCertificateExpiry } from "./rules/tls-certificate-expiry";
import { topologySpreadValid } from "./rules/topology-spread-valid";
import { topologySpreadZones } from "./rules/topology-spread-zones";
import { unsafeSysctls } from "./rules/unsafe-sysctls";
import { windowsHostProcess } from "./rules/windows-host-process";
import type { Check } from "./types";

export const CHECKS: readonly Check[] = [
  configReferencesExist,
  containerPortNames,
  deploymentStrategy,
  duplicateEnvVars,
  hpaSanity,
  hpaTargetExists,
  hpaTargetReplicasUnset,
  imagePullPolicyAlways,
  jvmMemoryHeadroom,
  livenessProbe,
  multipleNodes,
  multipleZones,
  nakedPod,
  pdbBlocksEviction,
  pdbCoverage,
  pdbHasPolicy,
  pdbUnhealthyEvictionPolicy,
  podAntiAffinity,
  podHealth,
  priorityClass,
  probePortsDeclared,
  probesIdentical,
  readinessProbe,
  restartPolicy,
  securityContextConsistent,
  selectorMatchesTemplate,
  serviceAccountExists,
  singleReplica,
  startupProbeStateful,
  terminationGracePeriod,
  topologySpreadValid,
  topologySpreadZones,
  apparmorProfile,
  capabilitiesDropAll,
  clusterAdminBinding,
  dangerousCapabilities,
  defaultServiceAccount,
  hostNamespaces,
  hostPathVolume,
  hostPathWritable,
  hostPort,
  netRawDropped,
  privilegeEscalation,
  privilegedContainer,
  privilegedPorts,
  procMount,
  rbacCreatePods,
  rbacEscalationVerbs,
  rbacPodsExec,
  rbacSecretsRead,
  rbacWildcard,
  readOnlyRootFilesystem,
  runAsHighIds,
  runAsNonRoot,
  runAsRootUser,
  sccPrivileged,
  seccompProfile,
  secretEnvVars,
  secretInPlainConfig,
  selinuxOptions,
  sensitiveHostMounts,
  serviceAccountTokenAutomount,
  sshPort,
  unsafeSysctls,
  windowsHostProcess,
  cronjobDedicatedNodes,
  cronjobResources,
  ephemeralStorage,
  memoryRequestEqualsLimit,
  namespaceQuotas,
  resourceLimits,
  resourceRequests,
  alertingAgent,
  cronjobDeadlineConcurrency,
  cronjobHistoryLimits,
  databaseBackup,
  defaultNamespace,
  imageTagPinned,
  jobTtlAfterFinished,
  labelValuesValid,
  loggingAgent,
  monitoringAgent,
  nodeConditions,
  serviceMonitorTargetsService,
  stagingProductionShared,
  terminatedPodPileup,
  dnsNdots,
  ingressBackendService,
  ingressHostConflict,
  ingressTls,
  networkPolicyCoverage,
  networkPolicyPeersSelectPods,
  networkPolicyTargetsPods,
  serviceExposure,
  serviceSelectorMatches,
  serviceTargetPort,
  statefulsetServiceName,
  certificateAutomation,
  crdCount,
  deprecatedApiVersion,
  deprecatedServiceAccountField,
  kubernetesVersionEol,
  nodeVersionSkew,
  tlsCertificateExpiry,
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function getCheck(id: string): Check | undefined {
  return BY_ID.get(id);
}
