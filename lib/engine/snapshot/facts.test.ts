// What a snapshot says about its cluster (version, nodes, zones, provider, namespaces, liveness): the facts
// the report shows and the cluster-wide checks reason on.
import { describe, expect, it } from "vitest";
import type { K8sObject } from "../types";
import { computeFacts } from "./facts";

const obj = (kind: string, name: string, extra: Partial<K8sObject> & { ns?: string } = {}): K8sObject => {
  const { ns, metadata, apiVersion, ...rest } = extra;
  return {
    apiVersion: apiVersion ?? (kind === "Deployment" ? "apps/v1" : "v1"),
    kind,
    metadata: { name, ...(ns === undefined ? {} : { namespace: ns }), ...metadata },
    ...rest,
  };
};

const node = (
  name: string,
  opts: { labels?: Record<string, string>; providerID?: string; kubelet?: string },
) =>
  obj("Node", name, {
    metadata: { name, ...(opts.labels ? { labels: opts.labels } : {}) },
    ...(opts.providerID ? { spec: { providerID: opts.providerID } } : {}),
    ...(opts.kubelet ? { status: { nodeInfo: { kubeletVersion: opts.kubelet } } } : {}),
  });

describe("computeFacts", () => {
  it("counts objects by kind (sorted), custom resource definitions and the objects in all", () => {
    const f = computeFacts(
      [
        obj("Service", "a", { ns: "x" }),
        obj("ConfigMap", "b", { ns: "x" }),
        obj("Service", "c", { ns: "x" }),
        obj("CustomResourceDefinition", "widgets.example.com", { apiVersion: "apiextensions.k8s.io/v1" }),
      ],
      [],
    );
    expect(f.countsByKind).toEqual({ ConfigMap: 1, CustomResourceDefinition: 1, Service: 2 });
    expect(Object.keys(f.countsByKind)).toEqual(["ConfigMap", "CustomResourceDefinition", "Service"]);
    expect(f.objectCount).toBe(4);
    expect(f.customResourceDefinitionCount).toBe(1);
    expect(computeFacts([obj("Service", "a")], []).customResourceDefinitionCount).toBe(0);
  });

  it("lists the namespaces objects live in and the v1 Namespaces declared, once each and sorted", () => {
    const f = computeFacts(
      [
        obj("Service", "a", { ns: "shop" }),
        obj("Service", "b", { ns: "billing" }),
        obj("Service", "c", { ns: "shop" }),
        obj("Namespace", "empty"),
        obj("Namespace", "lookalike", { apiVersion: "example.com/v1" }),
        obj("ClusterRole", "r"),
      ],
      [],
    );
    expect(f.namespaces).toEqual(["billing", "empty", "shop"]);
  });

  it("counts workloads that nothing else owns, of the workload kinds only", () => {
    const owned = { metadata: { name: "x", ownerReferences: [{ kind: "CronJob", name: "c" }] } };
    const f = computeFacts(
      [
        obj("Deployment", "d", { ns: "a" }),
        obj("StatefulSet", "s", { ns: "a", apiVersion: "apps/v1" }),
        obj("DaemonSet", "ds", { ns: "a", apiVersion: "apps/v1" }),
        obj("CronJob", "c", { ns: "a", apiVersion: "batch/v1" }),
        obj("Job", "j", { ns: "a", apiVersion: "batch/v1" }),
        obj("Job", "x", { ns: "a", apiVersion: "batch/v1", ...owned }),
        obj("ReplicaSet", "rs", { ns: "a", apiVersion: "apps/v1" }),
        obj("Pod", "p", { ns: "a" }),
      ],
      [],
    );
    expect(f.workloadCount).toBe(5);
  });

  it("counts nodes and their zones (the current label first, the beta one before 1.17), sorted", () => {
    const f = computeFacts(
      [
        node("n1", { labels: { "topology.kubernetes.io/zone": "eu-b" } }),
        node("n2", {
          labels: {
            "topology.kubernetes.io/zone": "eu-a",
            "failure-domain.beta.kubernetes.io/zone": "old-name",
          },
        }),
        node("n3", { labels: { "failure-domain.beta.kubernetes.io/zone": "eu-c" } }),
        node("n4", { labels: { "topology.kubernetes.io/region": "eu" } }),
        node("n5", { labels: { "topology.kubernetes.io/zone": "eu-b" } }),
        obj("Service", "not-a-node", {
          metadata: { name: "x", labels: { "topology.kubernetes.io/zone": "z" } },
        }),
      ],
      [],
    );
    expect(f.nodeCount).toBe(5);
    expect(f.zones).toEqual(["eu-a", "eu-b", "eu-c"]);
    expect(computeFacts([obj("Service", "s")], []).nodeCount).toBe(0);
  });

  it.each([
    ["aws:///eu-west-1a/i-0abc", "aws"],
    ["gce://project/zone/vm", "gcp"],
    ["azure:///subscriptions/x", "azure"],
    ["digitalocean://123", "digitalocean"],
    ["linode://1", "linode"],
    ["hcloud://1", "hetzner"],
    ["openstack:///uuid", "openstack"],
    ["vsphere://uuid", "vsphere"],
    ["ibm://acct", "ibm"],
    ["oci://ocid", "oracle"],
    ["kind://docker/kind/kind-control-plane", "kind"],
    ["k3s://node", "k3s"],
  ])("recognises the provider from a node's providerID %s", (providerID, provider) => {
    expect(computeFacts([node("n", { providerID })], []).provider).toBe(provider);
  });

  it.each([
    ["eks.amazonaws.com/nodegroup", "aws"],
    ["cloud.google.com/gke-nodepool", "gcp"],
    ["kubernetes.azure.com/agentpool", "azure"],
    ["doks.digitalocean.com/node-pool", "digitalocean"],
  ])("recognises the provider from a node label %s", (label, provider) => {
    expect(
      computeFacts([node("n", { labels: { "kubernetes.io/os": "linux", [label]: "x" } })], []).provider,
    ).toBe(provider);
  });

  it("takes the provider of the first node that names one, and no provider from anything else", () => {
    const f = computeFacts(
      [
        node("n0", { providerID: "metal://rack1", labels: { "kubernetes.io/os": "linux" } }),
        node("n1", { providerID: "unknown://x", labels: { "eks.amazonaws.com/nodegroup": "ng" } }),
        node("n2", { providerID: "gce://p/z/v" }),
      ],
      [],
    );
    expect(f.provider).toBe("aws");
    expect(computeFacts([node("n", { providerID: "metal://x" })], []).provider).toBeNull();
    expect(computeFacts([node("n", { providerID: "x-aws://y" })], []).provider).toBeNull();
    const notNode = obj("Service", "s", { spec: { providerID: "aws:///x" } });
    expect(computeFacts([notNode], []).provider).toBeNull();
  });

  it("takes the server version of `kubectl version` first, else the highest kubelet version", () => {
    const nodes = [
      node("a", { kubelet: "v1.9.11" }),
      node("b", { kubelet: "v1.28.3" }),
      node("c", { kubelet: "v1.28.10" }),
      node("c2", { kubelet: "v1.28.10-gke.100" }),
      node("d", { kubelet: "v1.28.3" }),
      node("e", { kubelet: "garbage" }),
      node("f", {}),
    ];
    const byKubelet = computeFacts(nodes, []);
    expect(byKubelet.kubeletVersions).toEqual([
      "garbage",
      "v1.28.10",
      "v1.28.10-gke.100",
      "v1.28.3",
      "v1.9.11",
    ]);
    // The first (in sorted order) of equally high versions.
    expect(byKubelet.kubernetesVersion).toBe("v1.28.10");
    expect(byKubelet.kubernetesVersionSource).toBe("node-kubelet");

    const byServer = computeFacts(nodes, [{ client: "v1.30.0" }, { server: "v1.27.2-eks-1" }]);
    expect(byServer.kubernetesVersion).toBe("v1.27.2-eks-1");
    expect(byServer.kubernetesVersionSource).toBe("kubectl-version");

    const unreadableServer = computeFacts(nodes, [{ server: "unknown" }]);
    expect(unreadableServer.kubernetesVersion).toBe("v1.28.10");
    expect(unreadableServer.kubernetesVersionSource).toBe("node-kubelet");

    const none = computeFacts([node("x", { kubelet: "garbage" })], [{ client: "v1.30.0" }]);
    expect(none.kubernetesVersion).toBeNull();
    expect(none.kubernetesVersionSource).toBeNull();
  });

  it("prefers the first readable server version when there are several", () => {
    const f = computeFacts([], [{ server: "nope" }, { server: "v1.29.1" }, { server: "v1.30.0" }]);
    expect(f.kubernetesVersion).toBe("v1.29.1");
  });

  it("calls a snapshot live when at least half its objects were read back from an API server", () => {
    const live = (name: string, m: Record<string, unknown>) =>
      obj("ConfigMap", name, { ns: "a", metadata: { name, ...m } });
    const plain = (name: string) => obj("ConfigMap", name, { ns: "a" });
    const rv = live("rv", { resourceVersion: "12" });
    const uid = live("uid", { uid: "0b8e" });
    const mf = live("mf", { managedFields: [] });
    expect(computeFacts([rv, plain("p")], []).isLive).toBe(true);
    expect(computeFacts([uid, plain("p")], []).isLive).toBe(true);
    expect(computeFacts([mf, plain("p")], []).isLive).toBe(true);
    expect(computeFacts([rv, plain("p"), plain("q")], []).isLive).toBe(false);
    expect(computeFacts([live("n", { resourceVersion: 12, uid: 7, managedFields: {} })], []).isLive).toBe(
      false,
    );
    expect(computeFacts([plain("p")], []).isLive).toBe(false);
    expect(computeFacts([], []).isLive).toBe(false);
  });
});
