import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SnapshotError } from "./errors";
import { loadSnapshot } from "./load";

const enc = (s: string) => new TextEncoder().encode(s);
const load = (text: string | Uint8Array, name = "input.yaml", limits = {}) =>
  loadSnapshot([{ name, data: typeof text === "string" ? enc(text) : text }], limits);

function snapshotError(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error("expected a SnapshotError");
}

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;

describe("loadSnapshot formats", () => {
  it("reads kubectl `kind: List` output", () => {
    const s = load(
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          { apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "x" } },
          { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "b", namespace: "x" } },
        ],
      }),
      "list.json",
    );
    expect(s.objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`)).toEqual([
      "v1/Service/a",
      "apps/v1/Deployment/b",
    ]);
    expect(s.sources[0]?.format).toBe("json-list");
  });

  it("gives items of a typed list the list's kind and apiVersion", () => {
    const s = load(
      JSON.stringify({
        apiVersion: "v1",
        kind: "PodList",
        items: [{ metadata: { name: "p1", namespace: "n" } }],
      }),
    );
    expect(s.objects[0]).toMatchObject({ kind: "Pod", apiVersion: "v1", metadata: { name: "p1" } });
  });

  it("reads a single JSON or YAML object", () => {
    expect(load('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop"}}').objects).toHaveLength(1);
    expect(load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n").objects).toHaveLength(1);
  });

  it("handles multi-document YAML edge cases: BOM, CRLF, comments-only and empty documents", () => {
    const text =
      "\uFEFF# rendered by helm\r\n---\r\n# Source: chart/templates/empty.yaml\r\n---\r\n" +
      CM("one").replace(/\n/g, "\r\n") +
      "---\n---\n" +
      CM("two") +
      "...\n---\n# trailing comment only\n";
    const s = load(text);
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["one", "two"]);
    expect(s.warnings).toEqual([]);
    // Where each object came from, for SARIF: its document and the line its content starts on.
    expect(s.origins).toEqual([
      { file: "input.yaml", document: 1, line: 5 },
      { file: "input.yaml", document: 3, line: 13 },
    ]);
  });

  it("skips non-Kubernetes documents with a warning naming file and document", () => {
    const s = load(
      `${CM("one")}---\nfoo: bar\n---\n- 1\n- 2\n---\napiVersion: v1\nkind: Secret\nmetadata: {}\n`,
    );
    // The Secret without a name is analysed (and redacted) under a generated name, with a warning.
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["one", "#4 in input.yaml"]);
    expect(s.warnings.map((w) => [w.file, w.document])).toEqual([
      ["input.yaml", 1],
      ["input.yaml", 2],
      ["input.yaml", 2],
      ["input.yaml", 3],
    ]);
  });

  it("reads gzip of any format (detected by magic bytes, not by name)", () => {
    const s = load(gzipSync(enc(`${CM("a")}---\n${CM("b")}`)), "upload.bin");
    expect(s.objects).toHaveLength(2);
    expect(s.sources[0]?.gzip).toBe(true);
  });

  it("reads `kubectl version -o json` as facts, not objects", () => {
    const s = loadSnapshot([
      {
        name: "version.json",
        data: enc(
          '{"clientVersion":{"gitVersion":"v1.30.1"},"serverVersion":{"gitVersion":"v1.29.4-eks-1"}}',
        ),
      },
      { name: "objects.yaml", data: enc(CM("a")) },
    ]);
    expect(s.facts.kubernetesVersion).toBe("v1.29.4-eks-1");
    expect(s.facts.kubernetesVersionSource).toBe("kubectl-version");
    expect(s.objects).toHaveLength(1);
  });

  it("computes cluster facts from nodes and workloads", () => {
    const node = (name: string, zone: string, version: string) => ({
      apiVersion: "v1",
      kind: "Node",
      metadata: { name, resourceVersion: "1", labels: { "topology.kubernetes.io/zone": zone } },
      spec: { providerID: `gce://project/${zone}/${name}` },
      status: { nodeInfo: { kubeletVersion: version } },
    });
    const s = load(
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          node("n1", "europe-west1-b", "v1.30.2-gke.1"),
          node("n2", "europe-west1-c", "v1.31.1-gke.2"),
          { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "a", uid: "u1" } },
          {
            apiVersion: "batch/v1",
            kind: "Job",
            metadata: { name: "j", namespace: "a", ownerReferences: [{ kind: "CronJob", name: "c" }] },
          },
        ],
      }),
    );
    expect(s.facts).toMatchObject({
      kubernetesVersion: "v1.31.1-gke.2",
      kubernetesVersionSource: "node-kubelet",
      nodeCount: 2,
      zones: ["europe-west1-b", "europe-west1-c"],
      provider: "gcp",
      workloadCount: 1,
      namespaces: ["a"],
      isLive: true,
      countsByKind: { Deployment: 1, Job: 1, Node: 2 },
    });
  });
});

describe("loadSnapshot errors", () => {
  it("reports YAML syntax errors with file, document, line and column", () => {
    const e = snapshotError(() =>
      load(`${CM("a")}---\nkind: ConfigMap\nmetadata:\n  name: [x\n  bad: : :\n`, "bad.yaml"),
    );
    expect(e.code).toBe("syntax");
    expect(e.location.file).toBe("bad.yaml");
    expect(e.location.document).toBe(1);
    expect(e.location.line).toBeGreaterThan(7);
    expect(e.location.column).toBeGreaterThan(0);
    expect(e.describe()).toMatch(/^bad\.yaml: document 2, line \d+:\d+: invalid YAML/);
  });

  it("reports JSON syntax errors with line and column", () => {
    const e = snapshotError(() =>
      load('{\n  "kind": "List",\n  "items": [\n    {"a": 1,}\n  ]\n}', "bad.json"),
    );
    expect(e.code).toBe("syntax");
    expect(e.location).toMatchObject({ file: "bad.json", line: 4 });
  });

  it("rejects binary garbage and corrupt gzip", () => {
    expect(snapshotError(() => load(new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x82]))).code).toBe("encoding");
    expect(snapshotError(() => load(new Uint8Array([0x1f, 0x8b, 1, 2, 3, 4]))).code).toBe("syntax");
  });

  it("says an empty file is empty", () => {
    for (const blank of ["", "\n  \r\n\t", new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]), gzipSync(enc(""))]) {
      const e = snapshotError(() => load(blank, "empty.yaml"));
      expect(e.code).toBe("empty");
      expect(e.describe()).toBe("empty.yaml: the file is empty");
    }
    const both = snapshotError(() =>
      loadSnapshot([
        { name: "a.yaml", data: enc("") },
        { name: "b.json", data: enc(" ") },
      ]),
    );
    expect(both.describe()).toBe("the files are empty");
    // A file with content but no objects is not called empty.
    expect(snapshotError(() => load("# only a comment\n", "c.yaml")).describe()).toBe(
      "c.yaml: no Kubernetes objects found (expected kind and apiVersion)",
    );
  });

  it("analyses objects without metadata.name under a generated name, with a warning", () => {
    const snapshot = load(
      "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n---\n" +
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: shop, generateName: cfg-}\n---\n" +
        "apiVersion: v1\nkind: Service\nmetadata: {namespace: shop}\n",
      "charts/web/fragments.yaml",
    );
    expect(snapshot.objects.map((o) => `${o.kind} ${o.metadata.namespace ?? ""}/${o.metadata.name}`)).toEqual(
      ["Deployment /#1 in fragments.yaml", "ConfigMap shop/cfg-", "Service shop/#3 in fragments.yaml"],
    );
    expect(snapshot.warnings).toEqual([
      {
        file: "charts/web/fragments.yaml",
        document: 0,
        message: 'Deployment without metadata.name: analysed as "#1 in fragments.yaml"',
      },
      {
        file: "charts/web/fragments.yaml",
        document: 2,
        message: 'Service without metadata.name: analysed as "#3 in fragments.yaml"',
      },
    ]);
  });

  it("rejects empty input and input without Kubernetes objects", () => {
    expect(snapshotError(() => loadSnapshot([])).code).toBe("empty");
    expect(snapshotError(() => load("")).code).toBe("empty");
    expect(snapshotError(() => load("# only a comment\n---\n")).code).toBe("empty");
    expect(snapshotError(() => load('{"spec": {"template": {}}}')).code).toBe("empty");
  });

  it("enforces the size limit, also on gzip bombs", () => {
    expect(snapshotError(() => load(CM("a"), "big.yaml", { maxBytes: 10 })).code).toBe("too-large");
    const bomb = gzipSync(enc(`${CM("a")}#${"x".repeat(5_000_000)}\n`));
    expect(bomb.length).toBeLessThan(20_000);
    const e = snapshotError(() => load(bomb, "bomb.gz", { maxBytes: 1_000_000 }));
    expect(e.code).toBe("too-large");
    expect(e.location.file).toBe("bomb.gz");
  });

  it("enforces the size limit over all inputs together", () => {
    const data = enc(CM("a"));
    const e = snapshotError(() =>
      loadSnapshot(
        [
          { name: "1.yaml", data },
          { name: "2.yaml", data },
        ],
        { maxBytes: data.length + 5 },
      ),
    );
    expect(e).toMatchObject({ code: "too-large", location: { file: "2.yaml" } });
  });

  it("enforces the object limit", () => {
    const e = snapshotError(() =>
      load(`${CM("a")}---\n${CM("b")}---\n${CM("c")}`, "many.yaml", { maxObjects: 2 }),
    );
    expect(e).toMatchObject({ code: "too-many-objects", location: { file: "many.yaml", document: 2 } });
  });

  it("enforces the YAML alias limit (billion laughs)", () => {
    const laughs = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    ].join("\n");
    const e = snapshotError(() => load(`${CM("a")}---\n${laughs}\n`, "laughs.yaml"));
    expect(e).toMatchObject({ code: "alias-limit", location: { file: "laughs.yaml", document: 1 } });
  });

  it("enforces the nesting depth limit for JSON and YAML", () => {
    const deepJson = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":${"[".repeat(200)}${"]".repeat(200)}}`;
    expect(snapshotError(() => load(deepJson, "deep.json")).code).toBe("too-deep");
    const deepYaml = `${CM("a")}---\nx: ${"[".repeat(150)}${"]".repeat(150)}\n`;
    expect(snapshotError(() => load(deepYaml, "deep.yaml", { maxDepth: 50 })).code).toBe("too-deep");
    expect(snapshotError(() => load("[".repeat(100_000), "deeper.json")).code).toMatch(/too-deep|syntax/);
  });
});

describe("big JSON lists (items handed over while parsing)", () => {
  // ≥ 1 MB takes the item-wise path; the same list with whitespace stripped below 1 MB would not, so the
  // comparison is against the same items loaded as JSON Lines-free small lists, object by object.
  const item = (i: number) => ({
    apiVersion: "v1",
    kind: i % 3 === 0 ? "Secret" : "ConfigMap",
    metadata: {
      name: `o-${i}`,
      namespace: "ns",
      managedFields: [{ manager: "kubectl", fieldsV1: { "f:data": {} } }],
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}" },
    },
    data: { "config.yaml": "x".repeat(400), DB_PASSWORD: "hunter2" },
  });
  const items = Array.from({ length: 3000 }, (_, i) => item(i));
  const bigList = (parts: string[]) =>
    `{"apiVersion":"v1","kind":"List","metadata":{},"items":[\n${parts.join(",\n")}\n]}`;
  const text = bigList(items.map((o) => JSON.stringify(o)));

  it("loads the same snapshot as the ordinary path", () => {
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const big = load(text, "big.json");
    const small = loadSnapshot(
      Array.from({ length: 30 }, (_, k) => ({
        name: "big.json",
        data: enc(bigList(items.slice(k * 100, k * 100 + 100).map((o) => JSON.stringify(o)))),
      })),
    );
    expect(big.objects).toEqual(small.objects);
    expect(big.redactions).toEqual(small.redactions);
    expect(big.warnings).toEqual(small.warnings);
    expect(big.sources).toEqual([
      { file: "big.json", format: "json-list", gzip: false, bytes: text.length, objects: 3000 },
    ]);
    expect(big.origins).toHaveLength(3000);
    expect(big.origins[2999]).toEqual({ file: "big.json", document: 2999 });
  });

  it("keeps origins in step with objects when the fast path gives up after streaming", () => {
    // An array of objects printed at the items' indentation makes the separator search cut an item in
    // two; the items already handed over are forgotten and the list is read again.
    const tricky = `{"kind":"List","apiVersion":"v1","items":[\n${items
      .slice(0, 2000)
      .map((o) => JSON.stringify(o))
      .join(
        ",\n",
      )},\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"list":[\n{"a":1},\n{"b":2}]}\n]}`;
    expect(tricky.length).toBeGreaterThan(1024 * 1024);
    const s = load(tricky, "tricky.json");
    expect(s.objects).toHaveLength(2001);
    expect(s.origins).toHaveLength(2001);
    expect(s.origins[2000]).toEqual({ file: "tricky.json", document: 2000 });
    expect(s.objects[2000]?.metadata.name).toBe("x");
  });

  it("reports a syntax error in a late item, even when the object limit is also exceeded", () => {
    const broken = bigList([...items.map((o) => JSON.stringify(o)), '{"kind": [}']);
    expect(snapshotError(() => load(broken, "big.json")).code).toBe("syntax");
    expect(snapshotError(() => load(broken, "big.json", { maxObjects: 10 })).code).toBe("syntax");
    expect(snapshotError(() => load(text, "big.json", { maxObjects: 10 }))).toMatchObject({
      code: "too-many-objects",
      location: { file: "big.json", document: 10 },
    });
  });
});
