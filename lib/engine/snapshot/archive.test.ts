import { zipSync } from "fflate";
import { createTar } from "nanotar";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SnapshotError } from "./errors";
import { loadSnapshot } from "./load";

const enc = (s: string) => new TextEncoder().encode(s);
const cm = (name: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: shop }\n`;

function error(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error("expected a SnapshotError");
}

describe("archives", () => {
  const members = {
    "dump/a.yaml": enc(cm("a")),
    "dump/b.json": enc(JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } })),
    "dump/c.yaml.gz": gzipSync(enc(cm("c"))),
    "dump/README.md": enc("# not kubernetes"),
  };

  it("reads .zip members, names them archive!/path and skips non-manifest files with a warning", () => {
    const s = loadSnapshot([{ name: "cluster.zip", data: zipSync(members) }]);
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b", "c"]);
    expect(s.sources.map((x) => x.file)).toEqual([
      "cluster.zip!/dump/a.yaml",
      "cluster.zip!/dump/b.json",
      "cluster.zip!/dump/c.yaml.gz",
    ]);
    expect(s.warnings.some((w) => w.file === "cluster.zip!/dump/README.md")).toBe(true);
  });

  it("reads .tar and .tar.gz archives", () => {
    const tar = createTar(Object.entries(members).map(([name, data]) => ({ name, data })));
    for (const data of [tar, gzipSync(tar)]) {
      const s = loadSnapshot([{ name: "cluster.tgz", data }]);
      expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b", "c"]);
      expect(s.sources[0]?.gzip).toBe(data !== tar);
    }
  });

  it("names the archive member in syntax errors", () => {
    const zip = zipSync({ "ok.yaml": enc(cm("ok")), "bad.yaml": enc("kind: [unclosed\n") });
    const e = error(() => loadSnapshot([{ name: "up.zip", data: zip }]));
    expect(e.code).toBe("syntax");
    expect(e.location.file).toBe("up.zip!/bad.yaml");
    expect(e.location.line).toBeGreaterThan(0);
  });

  it("limits the number of entries", () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) many[`m${i}.yaml`] = enc(cm(`m${i}`));
    expect(
      error(() => loadSnapshot([{ name: "x.zip", data: zipSync(many) }], { maxArchiveEntries: 10 })).code,
    ).toBe("too-many-entries");
  });

  it("stops zip and gzip bombs before inflating them", () => {
    const big = new Uint8Array(5_000_000).fill(0x20);
    const zip = zipSync({ "big.yaml": big }, { level: 9 });
    expect(zip.length).toBeLessThan(50_000);
    expect(
      error(() => loadSnapshot([{ name: "bomb.zip", data: zip }], { maxEntryBytes: 1_000_000 })).code,
    ).toBe("entry-too-large");
    expect(error(() => loadSnapshot([{ name: "bomb.zip", data: zip }], { maxBytes: 1_000_000 })).code).toBe(
      "too-large",
    );
    const gz = gzipSync(big);
    expect(
      error(() => loadSnapshot([{ name: "bomb.gz", data: gz }], { maxEntryBytes: 1_000_000 })).code,
    ).toBe("entry-too-large");
    expect(error(() => loadSnapshot([{ name: "bomb.gz", data: gz }], { maxBytes: 1_000_000 })).code).toBe(
      "too-large",
    );
  });

  it("rejects a corrupt zip with the archive code", () => {
    const zip = zipSync({ "a.yaml": enc(cm("a")) });
    const broken = zip.slice(0, 10);
    expect(error(() => loadSnapshot([{ name: "broken.zip", data: broken }])).code).toBe("archive");
  });
});

describe("JSON Lines", () => {
  const line = (name: string) => JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });

  it("reads one object per line, with or without the .jsonl extension", () => {
    for (const name of ["objects.jsonl", "objects.txt"]) {
      const s = loadSnapshot([{ name, data: enc(`${line("a")}\n\n${line("b")}\r\n${line("c")}\n`) }]);
      expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b", "c"]);
      expect(s.sources[0]?.format).toBe("json-lines");
    }
  });

  it("locates a bad line by document, line and column", () => {
    const e = error(() =>
      loadSnapshot([{ name: "x.ndjson", data: enc(`${line("a")}\n${line("b")}\n{"kind" "x"}\n`) }]),
    );
    expect(e.code).toBe("syntax");
    expect(e.location).toMatchObject({ file: "x.ndjson", document: 2, line: 3 });
    expect(e.location.column).toBeGreaterThan(0);
  });
});
