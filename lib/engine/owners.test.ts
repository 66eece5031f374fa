import { describe, expect, it } from "vitest";
import { OwnerIndex } from "./owners";
import type { K8sObject } from "./types";

const obj = (
  kind: string,
  name: string,
  owner?: { kind: string; name: string; uid?: string; controller?: boolean },
  uid?: string,
  namespace: string | undefined = "shop",
): K8sObject => ({
  apiVersion: "v1",
  kind,
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    ...(uid ? { uid } : {}),
    ...(owner ? { ownerReferences: [{ apiVersion: "apps/v1", ...owner }] } : {}),
  },
});

describe("OwnerIndex.topOwner", () => {
  const deployment = obj("Deployment", "web", undefined, "d1");
  const rs = obj(
    "ReplicaSet",
    "web-7f9",
    { kind: "Deployment", name: "web", uid: "d1", controller: true },
    "r1",
  );
  const pod = obj("Pod", "web-7f9-abc", { kind: "ReplicaSet", name: "web-7f9", uid: "r1", controller: true });

  it("groups a Pod under the Deployment that owns its ReplicaSet", () => {
    const index = new OwnerIndex([deployment, rs, pod]);
    expect(index.topOwner("Pod", "shop", "web-7f9-abc")).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "web",
    });
    expect(index.topOwner("ReplicaSet", "shop", "web-7f9")).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "web",
    });
    expect(index.topOwner("Deployment", "shop", "web")).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "web",
    });
  });

  it("stops at the nearest owner the snapshot holds", () => {
    expect(new OwnerIndex([rs, pod]).topOwner("Pod", "shop", "web-7f9-abc")).toEqual({
      kind: "ReplicaSet",
      namespace: "shop",
      name: "web-7f9",
    });
    expect(new OwnerIndex([pod]).topOwner("Pod", "shop", "web-7f9-abc")).toEqual({
      kind: "Pod",
      namespace: "shop",
      name: "web-7f9-abc",
    });
  });

  it("follows the controller reference first, by name when there is no uid, never across namespaces", () => {
    const cron = obj("CronJob", "nightly");
    const job = obj("Job", "nightly-1");
    job.metadata.ownerReferences = [
      { apiVersion: "v1", kind: "ConfigMap", name: "x" },
      { apiVersion: "batch/v1", kind: "CronJob", name: "nightly", controller: true },
    ];
    const otherNs = obj("CronJob", "nightly", undefined, undefined, "other");
    const index = new OwnerIndex([otherNs, cron, job]);
    expect(index.topOwner("Job", "shop", "nightly-1")).toEqual({
      kind: "CronJob",
      namespace: "shop",
      name: "nightly",
    });
  });

  it("survives ownership cycles", () => {
    const a = obj("A", "a", { kind: "B", name: "b" });
    const b = obj("B", "b", { kind: "A", name: "a" });
    const owner = new OwnerIndex([a, b]).topOwner("A", "shop", "a");
    expect(["A", "B"]).toContain(owner.kind);
  });

  it("resolves cluster-scoped owners of namespaced objects", () => {
    const node = obj("Node", "n1", undefined, "n-1", "");
    const mirror = obj("Pod", "kube-proxy-n1", { kind: "Node", name: "n1", uid: "n-1", controller: true });
    expect(new OwnerIndex([node, mirror]).topOwner("Pod", "shop", "kube-proxy-n1")).toEqual({
      kind: "Node",
      name: "n1",
    });
  });
});
