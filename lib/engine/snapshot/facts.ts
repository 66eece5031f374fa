import type { ClusterFacts, K8sObject } from "../types";
import { arr, dig, str } from "../util";
import { compareKubeVersions, parseKubeVersion } from "../version";

export interface KubectlVersion {
  server?: string;
  client?: string;
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job"]);

const PROVIDER_ID_PREFIXES: [string, string][] = [
  ["aws://", "aws"],
  ["gce://", "gcp"],
  ["azure://", "azure"],
  ["digitalocean://", "digitalocean"],
  ["linode://", "linode"],
  ["hcloud://", "hetzner"],
  ["openstack://", "openstack"],
  ["vsphere://", "vsphere"],
  ["ibm://", "ibm"],
  ["oci://", "oracle"],
  ["kind://", "kind"],
  ["k3s://", "k3s"],
];

const PROVIDER_LABEL_PREFIXES: [string, string][] = [
  ["eks.amazonaws.com/", "aws"],
  ["cloud.google.com/gke-", "gcp"],
  ["kubernetes.azure.com/", "azure"],
  ["doks.digitalocean.com/", "digitalocean"],
];

function detectProvider(node: K8sObject): string | null {
  const providerId = str(dig(node, "spec", "providerID"));
  if (providerId) {
    for (const [prefix, provider] of PROVIDER_ID_PREFIXES) if (providerId.startsWith(prefix)) return provider;
  }
  for (const label of Object.keys(node.metadata.labels ?? {})) {
    for (const [prefix, provider] of PROVIDER_LABEL_PREFIXES) {
      if (label.startsWith(prefix)) return provider;
    }
  }
  return null;
}

function looksLive(obj: K8sObject): boolean {
  const m = obj.metadata;
  return typeof m.resourceVersion === "string" || typeof m.uid === "string" || Array.isArray(m.managedFields);
}

export function computeFacts(
  objects: readonly K8sObject[],
  versions: readonly KubectlVersion[],
): ClusterFacts {
  const countsByKind: Record<string, number> = {};
  const namespaces = new Set<string>();
  const zones = new Set<string>();
  const kubelets = new Set<string>();
  let nodeCount = 0;
  let workloadCount = 0;
  let live = 0;
  let provider: string | null = null;

  for (const obj of objects) {
    countsByKind[obj.kind] = (countsByKind[obj.kind] ?? 0) + 1;
    if (obj.metadata.namespace) namespaces.add(obj.metadata.namespace);
    if (obj.kind === "Namespace" && obj.apiVersion === "v1") namespaces.add(obj.metadata.name);
    if (looksLive(obj)) live++;
    if (WORKLOAD_KINDS.has(obj.kind) && arr(obj.metadata.ownerReferences).length === 0) workloadCount++;
    if (obj.kind === "Node") {
      nodeCount++;
      const labels = obj.metadata.labels ?? {};
      const zone = labels["topology.kubernetes.io/zone"] ?? labels["failure-domain.beta.kubernetes.io/zone"];
      if (zone) zones.add(zone);
      const kubelet = str(dig(obj, "status", "nodeInfo", "kubeletVersion"));
      if (kubelet) kubelets.add(kubelet);
      provider ??= detectProvider(obj);
    }
  }

  const kubeletVersions = [...kubelets].sort();
  let kubernetesVersion: string | null = null;
  let kubernetesVersionSource: ClusterFacts["kubernetesVersionSource"] = null;
  const server = versions.map((v) => v.server).find((v) => parseKubeVersion(v) !== undefined);
  if (server) {
    kubernetesVersion = server;
    kubernetesVersionSource = "kubectl-version";
  } else {
    let best: string | undefined;
    for (const v of kubeletVersions) {
      const parsed = parseKubeVersion(v);
      const bestParsed = parseKubeVersion(best);
      if (parsed && (!bestParsed || compareKubeVersions(parsed, bestParsed) > 0)) best = v;
    }
    if (best) {
      kubernetesVersion = best;
      kubernetesVersionSource = "node-kubelet";
    }
  }

  const sortedCounts: Record<string, number> = {};
  for (const kind of Object.keys(countsByKind).sort()) sortedCounts[kind] = countsByKind[kind] ?? 0;

  return {
    kubernetesVersion,
    kubernetesVersionSource,
    kubeletVersions,
    nodeCount,
    zones: [...zones].sort(),
    provider,
    workloadCount,
    namespaces: [...namespaces].sort(),
    isLive: objects.length > 0 && live * 2 >= objects.length,
    objectCount: objects.length,
    countsByKind: sortedCounts,
    customResourceDefinitionCount: countsByKind.CustomResourceDefinition ?? 0,
  };
}
