// The per-object results behind check pages, object pages and the explorer's exempt and pass views: one
// row per object and check whatever its containers, the worst status winning, exemptions named with
// their source, pages in object order, owners followed, and patches only for failing objects.
import { describe, expect, it } from "vitest";
import { ResultsView } from "./results-view";
import { loadSnapshot } from "./snapshot/load";
import { FIXTURE_NOW } from "./testing";

const deployment = (name: string, ns: string, containers: string, annotations = "") => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}, uid: uid-${name}${annotations}}
spec:
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [${containers}]
`;
const probed = `{name: app, image: "a:1", resources: {limits: {cpu: "1", memory: 1Gi}}}`;
const bare = (name: string) => `{name: ${name}, image: "a:1"}`;

const YAML = [
  deployment("web", "shop", `${bare("app")}, ${bare("sidecar")}`),
  deployment("mixed", "shop", `${probed}, ${bare("sidecar")}`),
  deployment("probed", "shop", probed),
  deployment("b-10", "batch", bare("app")),
  deployment("b-9", "batch", bare("app")),
  deployment(
    "legacy",
    "shop",
    bare("app"),
    `, annotations: {kubeready.io/exempt: resource-limits, kubeready.io/exempt-reason: "retired soon"}`,
  ),
  `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web-1
  namespace: shop
  uid: uid-web-1
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: uid-web, controller: true}]
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [${probed}]}
`,
].join("---\n");

function view(rules: ConstructorParameters<typeof ResultsView>[0]["rules"] = []) {
  const snapshot = loadSnapshot([{ name: "shop.yaml", data: new TextEncoder().encode(YAML) }]);
  return new ResultsView({ ...snapshot, rules, params: {}, now: FIXTURE_NOW });
}

describe("ResultsView", () => {
  it("has one row per object and check, naming every failing container, the worst status winning", () => {
    const rows = view().rows(["resource-limits"]).get("resource-limits")!;
    const web = rows.find((r) => r.name === "web")!;
    expect(web).toMatchObject({ status: "fail", kind: "Deployment", namespace: "shop" });
    expect(web.containers.sort()).toEqual(["app", "sidecar"]);
    expect(web.failing).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ container: "app" }),
        expect.objectContaining({ container: "sidecar" }),
      ]),
    );
    // One probed container and one without: the object fails.
    expect(rows.find((r) => r.name === "mixed")?.status).toBe("fail");
    expect(rows.find((r) => r.name === "probed")?.status).toBe("pass");
    expect(rows.filter((r) => r.name === "web")).toHaveLength(1);
  });

  it("names an exemption's reason and source", () => {
    // The server marks the admin's rules so (lib/server/exemptions.ts); the annotation's come from the object.
    const rows = view([
      { checkId: "resource-limits", namespace: "batch", reason: "no traffic (admin exemption)" },
    ])
      .rows(["resource-limits"])
      .get("resource-limits")!;
    expect(rows.find((r) => r.name === "legacy")).toMatchObject({
      status: "exempt",
      exemptions: [{ reason: "retired soon", source: "annotation" }],
    });
    expect(rows.find((r) => r.name === "b-9")).toMatchObject({
      status: "exempt",
      exemptions: [{ reason: "no traffic", source: "admin exemption" }],
    });
  });

  it("pages one check's objects by status in natural object order, with owners and counts", () => {
    const v = view();
    const page = v.checkRows({ checkId: "resource-limits", status: "fail", page: 1, pageSize: 3 });
    // The ReplicaSet is judged through the Deployment that owns it.
    expect(page.counts).toEqual({ fail: 4, exempt: 1, pass: 1 });
    expect(page.total).toBe(4);
    // batch before shop; b-9 before b-10 (numeric order).
    expect(page.rows.map((r) => r.name)).toEqual(["b-9", "b-10", "mixed"]);
    expect(page.rows[0]!.owner).toEqual({ kind: "Deployment", namespace: "batch", name: "b-9" });
    const second = v.checkRows({ checkId: "resource-limits", status: "fail", page: 2, pageSize: 3 });
    expect(second.rows.map((r) => r.name)).toEqual(["web"]);
    const filtered = v.checkRows({
      checkId: "resource-limits",
      status: "pass",
      namespace: "shop",
      q: "PROB",
      page: 1,
      pageSize: 10,
    });
    expect(filtered.rows.map((r) => [r.kind, r.name])).toEqual([["Deployment", "probed"]]);
    expect(
      v.checkRows({ checkId: "resource-limits", status: "pass", namespace: "batch", page: 1, pageSize: 10 })
        .rows,
    ).toEqual([]);
  });

  it("gives one object's rows in the order asked, its owner, and patches for what it fails", () => {
    const v = view();
    const web = v.objectRows(["single-replica", "resource-limits"], {
      kind: "Deployment",
      namespace: "shop",
      name: "web",
    });
    expect(web.inSnapshot).toBe(true);
    expect(web.apiVersion).toBe("apps/v1");
    expect(web.rows.map((r) => [r.checkId, r.status])).toEqual([
      ["single-replica", "pass"],
      ["resource-limits", "fail"],
    ]);
    expect(web.patches.map((p) => p.checkId)).toEqual(["resource-limits"]);
    const rs = v.objectRows(["resource-limits"], { kind: "ReplicaSet", namespace: "shop", name: "web-1" });
    expect(rs.owner).toEqual({ kind: "Deployment", namespace: "shop", name: "web" });
    expect(rs.patches).toEqual([]);
    const missing = v.objectRows(["resource-limits"], {
      kind: "Deployment",
      namespace: "shop",
      name: "nope",
    });
    expect(missing).toMatchObject({ inSnapshot: false, apiVersion: null, rows: [], patches: [] });
  });

  it("lists the rows of one status without their failing details, owners only when asked", () => {
    const v = view();
    const pass = v.statusRows(["resource-limits", "no-such-check"], "pass", false);
    expect(pass["resource-limits"]!.map((r) => r.name)).toEqual(["probed"]);
    expect(pass["no-such-check"]).toEqual([]);
    expect(pass["resource-limits"]!.every((r) => r.owner === null && !("failing" in r))).toBe(true);
    const owned = v.statusRows(["resource-limits"], "pass", true);
    expect(owned["resource-limits"]![0]!.owner).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "probed",
    });
    expect(v.ownerOf("ReplicaSet", "shop", "web-1")).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "web",
    });
    expect(v.ownerOf("", "", "")).toBeNull();
  });
});
