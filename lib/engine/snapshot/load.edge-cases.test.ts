// The loader's edge cases, one small input each: label and annotation maps as manifests write them, documents
// that are not objects, nested and typed lists, kubectl version output, what "empty" means, and a big JSON list
// (items handed over while parsing) that passes the object limit.
import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { SnapshotError } from "./errors";
import { loadSnapshot } from "./load";

const enc = (s: string) => new TextEncoder().encode(s);
const load = (text: string, name = "input.yaml", limits = {}) =>
  loadSnapshot([{ name, data: enc(text) }], limits);

function snapshotError(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error("expected a SnapshotError");
}

const json = (o: unknown) => JSON.stringify(o);
const cm = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "shop" },
  ...extra,
});

describe("metadata as manifests write it", () => {
  it("keeps string labels and annotations as they are", () => {
    const o = load(
      json(cm("a", { metadata: { name: "a", labels: { app: "web" }, annotations: { n: "1" } } })),
    ).objects[0];
    expect(o?.metadata.labels).toEqual({ app: "web" });
    expect(o?.metadata.annotations).toEqual({ n: "1" });
  });

  it("stringifies number and boolean values, as the API server would, and drops the rest", () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  labels: { app: web, tier: 3, canary: true, nested: { x: 1 }, none: null, list: [1] }
  annotations: { replicas: 2.5 }
`;
    const o = load(text).objects[0];
    expect(o?.metadata.labels).toEqual({ app: "web", tier: "3", canary: "true" });
    expect(o?.metadata.annotations).toEqual({ replicas: "2.5" });
  });

  it("drops a labels or annotations field that is not a map", () => {
    const o = load(
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: web\n  annotations: [1]\n",
    ).objects[0];
    expect(o?.metadata).toStrictEqual({ name: "a" });
  });

  it("drops an empty or non-string namespace and keeps a real one", () => {
    const text = [
      json({ ...cm("a"), metadata: { name: "a", namespace: "" } }),
      json({ ...cm("b"), metadata: { name: "b", namespace: 7 } }),
      json({ ...cm("c"), metadata: { name: "c", namespace: "shop" } }),
    ].join("\n");
    const objects = load(text, "ns.jsonl").objects;
    expect(objects.map((o) => o.metadata.namespace)).toEqual([undefined, undefined, "shop"]);
    expect(objects.map((o) => "namespace" in o.metadata)).toEqual([false, false, true]);
  });
});

describe("documents that are not objects", () => {
  it("skips a document without kind or apiVersion, saying why", () => {
    const s = load(`${json(cm("a"))}\n${json({ metadata: { name: "x" } })}\n`, "two.jsonl");
    expect(s.warnings).toContainEqual({
      file: "two.jsonl",
      document: 1,
      message: "skipped: not a Kubernetes object (no kind/apiVersion)",
    });
  });

  it("skips scalar documents and list items with a warning, and null ones silently", () => {
    const s = load(`---\nhello\n---\n${json(cm("a"))}\n---\n~\n`);
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.warnings).toEqual([
      { file: "input.yaml", document: 0, message: "skipped: document is not a mapping" },
    ]);

    const list = load(
      json({ apiVersion: "v1", kind: "List", items: [cm("a"), 5, null, "x", cm("b")] }),
      "l.json",
    );
    expect(list.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
    expect(list.warnings).toEqual([
      { file: "l.json", document: 1, message: "skipped: document is not a mapping" },
      { file: "l.json", document: 3, message: "skipped: document is not a mapping" },
    ]);
  });

  it("skips the scalar elements of a top-level JSON array the same way", () => {
    const s = load(json([cm("a"), 1, null, cm("b")]), "arr.json");
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
    expect(s.warnings).toEqual([
      { file: "arr.json", document: 1, message: "skipped: document is not a mapping" },
    ]);
  });
});

describe("lists", () => {
  it("reads a list nested in a list's items, its items inheriting from the inner list", () => {
    const inner = { apiVersion: "v1", kind: "PodList", items: [{ metadata: { name: "p" } }] };
    const s = load(json({ apiVersion: "v1", kind: "List", items: [cm("a"), inner] }), "n.json");
    expect(s.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["ConfigMap/a", "Pod/p"]);
  });

  it("gives items of a plain List no kind of their own, and of a typed list the kind it lists", () => {
    const s = load(
      json({
        apiVersion: "v1",
        kind: "List",
        items: [cm("a"), { apiVersion: "v1", metadata: { name: "x" } }],
      }),
      "l.json",
    );
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.warnings).toContainEqual({
      file: "l.json",
      document: 1,
      message: "skipped: not a Kubernetes object (no kind/apiVersion)",
    });
  });

  it("reads an object whose kind ends in List but has no items array as the object it is", () => {
    const text = `${json({ apiVersion: "v1", kind: "PodList", metadata: { name: "odd" } })}\n${json({
      apiVersion: "example.com/v1",
      kind: "Basket",
      metadata: { name: "b" },
      items: [cm("not-a-member")],
    })}\n`;
    const s = load(text, "o.jsonl");
    expect(s.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["PodList/odd", "Basket/b"]);
    const inList = load(
      json({ apiVersion: "v1", kind: "List", items: [JSON.parse(text.split("\n")[1] ?? "")] }),
    );
    expect(inList.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(["Basket/b"]);
  });

  it("reports a YAML List as YAML and a JSON List as a JSON list", () => {
    const items = [cm("a")];
    expect(load(`apiVersion: v1\nkind: List\nitems:\n  - ${json(items[0])}\n`).sources[0]?.format).toBe(
      "yaml",
    );
    expect(load(json({ apiVersion: "v1", kind: "List", items }), "l.json").sources[0]?.format).toBe(
      "json-list",
    );
  });

  it("counts each file's own objects in its source entry", () => {
    const s = loadSnapshot([
      { name: "a.jsonl", data: enc([cm("a"), cm("b")].map(json).join("\n")) },
      { name: "b.jsonl", data: enc([cm("c"), cm("d"), cm("e")].map(json).join("\n")) },
    ]);
    expect(s.sources.map((src) => [src.file, src.objects])).toEqual([
      ["a.jsonl", 2],
      ["b.jsonl", 3],
    ]);
  });

  it("records where a YAML object starts, and no line for JSON", () => {
    const y = load(`# head\n---\n${json(cm("a"))}\n---\n\n${json(cm("b"))}\n`);
    expect(y.origins).toEqual([
      { file: "input.yaml", document: 0, line: 3 },
      { file: "input.yaml", document: 1, line: 6 },
    ]);
    const j = load(json(cm("a")), "a.json");
    expect(j.origins).toEqual([{ file: "a.json" }]);
    expect("line" in (j.origins[0] ?? {})).toBe(false);
  });
});

describe("kubectl version output", () => {
  const version = (o: Record<string, unknown>) => ({ name: "v.json", data: enc(json(o)) });
  const objects = { name: "o.yaml", data: enc(json(cm("a"))) };

  it("is read from client-only output too, and its file is reported as kubectl-version", () => {
    const s = loadSnapshot([version({ clientVersion: { gitVersion: "v1.30.1" } }), objects]);
    expect(s.objects).toHaveLength(1);
    expect(s.sources[0]).toMatchObject({ file: "v.json", format: "kubectl-version", objects: 0 });
    const server = loadSnapshot([version({ serverVersion: { gitVersion: "v1.29.4" } }), objects]);
    expect(server.facts.kubernetesVersion).toBe("v1.29.4");
  });

  it("is not mistaken for an object that happens to carry a serverVersion field", () => {
    const s = load(json(cm("a", { serverVersion: { gitVersion: "v1.2.3" } })), "a.json");
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.facts.kubernetesVersionSource).not.toBe("kubectl-version");
  });

  it("in a stream of several documents leaves the file a YAML stream", () => {
    const s = load(`${json({ serverVersion: { gitVersion: "v1.29.4" } })}\n---\n${json(cm("a"))}\n`);
    expect(s.sources[0]?.format).toBe("yaml");
    expect(s.facts.kubernetesVersion).toBe("v1.29.4");
  });
});

describe("empty input", () => {
  it("says there are no input files", () => {
    expect(snapshotError(() => loadSnapshot([]))).toMatchObject({ code: "empty", message: "no input files" });
  });

  it("counts only whitespace and a leading byte-order mark as empty", () => {
    expect(
      snapshotError(() => loadSnapshot([{ name: "b.yaml", data: new Uint8Array([0xef, 0xbb, 0xbf, 0x20]) }])),
    ).toMatchObject({ message: "the file is empty", location: { file: "b.yaml" } });
    for (const text of ["x", "ab", "# c"]) {
      expect(snapshotError(() => load(text)).message, text).toBe(
        "no Kubernetes objects found (expected kind and apiVersion)",
      );
    }
  });

  it("is empty only when every file is", () => {
    const e = snapshotError(() =>
      loadSnapshot([
        { name: "a.yaml", data: enc("  \n") },
        { name: "b.yaml", data: enc("hello") },
      ]),
    );
    expect(e.message).toBe("no Kubernetes objects found (expected kind and apiVersion)");
    expect(e.location.file).toBeUndefined();
  });

  it("judges an archive by itself when it holds nothing to read", () => {
    const zip = zipSync({ "README.md": enc("# hi") });
    expect(snapshotError(() => loadSnapshot([{ name: "d.zip", data: zip }])).message).toBe(
      "no Kubernetes objects found (expected kind and apiVersion)",
    );
  });
});

describe("object limit", () => {
  it("allows exactly the limit, and names the limit and the object past it", () => {
    const text = [cm("a"), cm("b"), cm("c")].map(json).join("\n");
    expect(load(text, "o.jsonl", { maxObjects: 3 }).objects).toHaveLength(3);
    expect(snapshotError(() => load(text, "o.jsonl", { maxObjects: 2 }))).toMatchObject({
      code: "too-many-objects",
      message: "more than the limit of 2 objects",
      location: { file: "o.jsonl", document: 2 },
    });
  });
});

describe("a big JSON list read item by item", () => {
  // ≥ 1 MiB takes the item-wise path: 40 ConfigMaps of ~30 KB each.
  const items = Array.from({ length: 40 }, (_, i) => cm(`c${i}`, { data: { text: "x ".repeat(15_000) } }));
  const list = (parts: string[]) =>
    `{"apiVersion":"v1","kind":"ConfigMapList","items":[\n${parts.join(",\n")}\n]}`;
  const text = list(items.map(json));

  it("stops at the object limit with the item that passes it", () => {
    expect(text.length).toBeGreaterThan(1024 * 1024);
    expect(load(text, "big.json").objects).toHaveLength(40);
    expect(snapshotError(() => load(text, "big.json", { maxObjects: 10 }))).toMatchObject({
      code: "too-many-objects",
      location: { file: "big.json", document: 10 },
    });
  });

  it("gives the items of a typed list their kind", () => {
    const untyped = list(
      items.map((_, i) => json({ metadata: { name: `c${i}` }, data: { text: "x ".repeat(15_000) } })),
    );
    const s = load(untyped, "typed.json");
    expect(s.objects.every((o) => o.kind === "ConfigMap" && o.apiVersion === "v1")).toBe(true);
    expect(s.sources[0]?.format).toBe("json-list");
  });
});
