import { formatMinor, parseKubeVersion } from "../../version";
import { defineCheck } from "../define";

interface Removal {
  removedIn: string;
  replacement: string;
}

// apiVersion → kinds (or "*" for the whole group version) → release that stopped serving it.
const REMOVED: Record<string, Record<string, Removal>> = {
  "extensions/v1beta1": {
    Deployment: { removedIn: "1.16", replacement: "apps/v1" },
    DaemonSet: { removedIn: "1.16", replacement: "apps/v1" },
    ReplicaSet: { removedIn: "1.16", replacement: "apps/v1" },
    NetworkPolicy: { removedIn: "1.16", replacement: "networking.k8s.io/v1" },
    PodSecurityPolicy: { removedIn: "1.16", replacement: "policy/v1beta1 (itself removed in 1.25)" },
    Ingress: { removedIn: "1.22", replacement: "networking.k8s.io/v1" },
  },
  "apps/v1beta1": { "*": { removedIn: "1.16", replacement: "apps/v1" } },
  "apps/v1beta2": { "*": { removedIn: "1.16", replacement: "apps/v1" } },
  "networking.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "networking.k8s.io/v1" } },
  "rbac.authorization.k8s.io/v1beta1": {
    "*": { removedIn: "1.22", replacement: "rbac.authorization.k8s.io/v1" },
  },
  "rbac.authorization.k8s.io/v1alpha1": {
    "*": { removedIn: "1.22", replacement: "rbac.authorization.k8s.io/v1" },
  },
  "apiextensions.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "apiextensions.k8s.io/v1" } },
  "apiregistration.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "apiregistration.k8s.io/v1" } },
  "admissionregistration.k8s.io/v1beta1": {
    "*": { removedIn: "1.22", replacement: "admissionregistration.k8s.io/v1" },
  },
  "certificates.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "certificates.k8s.io/v1" } },
  "coordination.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "coordination.k8s.io/v1" } },
  "scheduling.k8s.io/v1beta1": { "*": { removedIn: "1.22", replacement: "scheduling.k8s.io/v1" } },
  "storage.k8s.io/v1beta1": {
    CSIDriver: { removedIn: "1.22", replacement: "storage.k8s.io/v1" },
    CSINode: { removedIn: "1.22", replacement: "storage.k8s.io/v1" },
    StorageClass: { removedIn: "1.22", replacement: "storage.k8s.io/v1" },
    VolumeAttachment: { removedIn: "1.22", replacement: "storage.k8s.io/v1" },
    CSIStorageCapacity: { removedIn: "1.27", replacement: "storage.k8s.io/v1" },
  },
  "batch/v1beta1": { "*": { removedIn: "1.25", replacement: "batch/v1" } },
  "batch/v2alpha1": { "*": { removedIn: "1.21", replacement: "batch/v1" } },
  "discovery.k8s.io/v1beta1": { "*": { removedIn: "1.25", replacement: "discovery.k8s.io/v1" } },
  "events.k8s.io/v1beta1": { "*": { removedIn: "1.25", replacement: "events.k8s.io/v1" } },
  "policy/v1beta1": {
    PodDisruptionBudget: { removedIn: "1.25", replacement: "policy/v1" },
    PodSecurityPolicy: { removedIn: "1.25", replacement: "Pod Security Admission" },
  },
  "node.k8s.io/v1beta1": { "*": { removedIn: "1.25", replacement: "node.k8s.io/v1" } },
  "autoscaling/v2beta1": { "*": { removedIn: "1.25", replacement: "autoscaling/v2" } },
  "autoscaling/v2beta2": { "*": { removedIn: "1.26", replacement: "autoscaling/v2" } },
  "flowcontrol.apiserver.k8s.io/v1beta1": {
    "*": { removedIn: "1.26", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  },
  "flowcontrol.apiserver.k8s.io/v1beta2": {
    "*": { removedIn: "1.29", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  },
  "flowcontrol.apiserver.k8s.io/v1beta3": {
    "*": { removedIn: "1.32", replacement: "flowcontrol.apiserver.k8s.io/v1" },
  },
};

const BUILT_IN_GROUPS = new Set([
  "",
  "apps",
  "batch",
  "extensions",
  "policy",
  "autoscaling",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "admissionregistration.k8s.io",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "node.k8s.io",
  "flowcontrol.apiserver.k8s.io",
]);

const AT_API_VERSION = { path: "apiVersion" };

/** The pass message of an apiVersion of a built-in group ("… is served"), null for other groups. */
function servedMessage(served: Map<string, string | null>, apiVersion: string): string | null {
  let message = served.get(apiVersion);
  if (message === undefined) {
    const slash = apiVersion.indexOf("/");
    const group = slash === -1 ? "" : apiVersion.slice(0, slash);
    message = BUILT_IN_GROUPS.has(group) ? `${apiVersion} is served` : null;
    served.set(apiVersion, message);
  }
  return message;
}

export function removalOf(apiVersion: string, kind: string): Removal | undefined {
  const entry = REMOVED[apiVersion];
  return entry?.[kind] ?? entry?.["*"];
}

export const deprecatedApiVersion = defineCheck({
  id: "deprecated-api-version",
  title: "Objects use API versions that current Kubernetes still serves",
  category: "lifecycle",
  severity: "high",
  rationale:
    "API versions are deprecated and then removed on a schedule. Manifests and charts still written against " +
    "removed versions fail to apply after an upgrade, which turns every cluster upgrade into a rewrite under " +
    "pressure.",
  remediation:
    "Migrate the manifest to the replacement apiVersion (kubectl convert or pluto help) before upgrading.",
  references: ["https://kubernetes.io/docs/reference/using-api/deprecation-guide/"],
  scope: { type: "kinds", kinds: "*" },
  prepare: (ctx) => ({
    cluster: parseKubeVersion(ctx.facts.kubernetesVersion),
    // By apiVersion: the pass message when its group is built in, null when it is not. A snapshot has a
    // few dozen apiVersions over tens of thousands of objects.
    served: new Map<string, string | null>(),
  }),
  applies: (obj, ctx) => servedMessage(ctx.prepared.served, obj.apiVersion) !== null,
  run(obj, ctx) {
    const removal = removalOf(obj.apiVersion, obj.kind);
    if (!removal) return ctx.pass(servedMessage(ctx.prepared.served, obj.apiVersion) ?? "", AT_API_VERSION);
    const { cluster } = ctx.prepared;
    const removed = parseKubeVersion(removal.removedIn);
    const already = cluster && removed ? `; this cluster runs ${formatMinor(cluster)}` : "";
    ctx.fail(
      `${obj.apiVersion} ${obj.kind} was removed in Kubernetes ${removal.removedIn}; use ${removal.replacement}${already}`,
      AT_API_VERSION,
    );
  },
});
