// Archive and gzip edge cases at their limits, one small input each: the exact boundaries of every cap, what
// is skipped and said, member order, and the same results without Node's zlib (as the browser runs it).
import { zipSync } from "fflate";
import { createTar } from "nanotar";
import { gzipSync } from "node:zlib";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SnapshotError } from "./errors";
import { loadSnapshot, type SnapshotInput } from "./load";

const platform = vi.hoisted(() => ({ browser: false }));

vi.mock("./platform", async (original) => {
  const real = await original<typeof import("./platform")>();
  return {
    get nodeBuffer() {
      return platform.browser ? undefined : real.nodeBuffer;
    },
    get nodeZlib() {
      return platform.browser ? undefined : real.nodeZlib;
    },
    get nodeCrypto() {
      return platform.browser ? undefined : real.nodeCrypto;
    },
  };
});

afterEach(() => {
  platform.browser = false;
});

const enc = (s: string) => new TextEncoder().encode(s);
const cm = (name: string, extra = "") =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: shop }\n${extra}`;
const names = (inputs: SnapshotInput[], limits = {}) =>
  loadSnapshot(inputs, limits).objects.map((o) => o.metadata.name);

function error(fn: () => unknown): SnapshotError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotError) return e;
    throw e;
  }
  throw new Error("expected a SnapshotError");
}

/** Runs `fn` with and without Node's zlib and Buffer: both must give the same. */
function bothPlatforms(fn: () => void): void {
  fn();
  platform.browser = true;
  try {
    fn();
  } finally {
    platform.browser = false;
  }
}

describe("gzip", () => {
  it("inflates exactly up to the per-file limit, and refuses one byte more with entry-too-large", () => {
    const text = cm("a", `data: { k: "${"x".repeat(2000)}" }\n`);
    const gz = gzipSync(enc(text));
    bothPlatforms(() => {
      expect(names([{ name: "a.yaml.gz", data: gz }], { maxEntryBytes: text.length })).toEqual(["a"]);
      expect(
        error(() => loadSnapshot([{ name: "a.yaml.gz", data: gz }], { maxEntryBytes: text.length - 1 })),
      ).toMatchObject({
        code: "entry-too-large",
        message: `gzip data inflates beyond the per-file limit of ${text.length - 1} bytes`,
        location: { file: "a.yaml.gz" },
      });
    });
  });

  it("refuses gzip that inflates past what the snapshot may still take, with too-large", () => {
    const text = cm("a", `data: { k: "${"x".repeat(2000)}" }\n`);
    const gz = gzipSync(enc(text));
    bothPlatforms(() => {
      expect(
        error(() => loadSnapshot([{ name: "a.yaml.gz", data: gz }], { maxBytes: text.length - 1 })),
      ).toMatchObject({
        code: "too-large",
        message: `uncompressed input exceeds the limit of ${text.length - 1} bytes`,
        location: { file: "a.yaml.gz" },
      });
    });
  });

  it("reads gzip spread over many input slices the same without zlib", () => {
    // Random text barely compresses, so the gzip spans several of the portable path's 16 KiB slices.
    const blob = randomBytes(60_000).toString("base64");
    const text = cm("big", `data: { blob: "${blob}" }\n`);
    const gz = gzipSync(enc(text));
    expect(gz.length).toBeGreaterThan(3 * 16 * 1024);
    bothPlatforms(() => {
      const s = loadSnapshot([{ name: "big.yaml.gz", data: gz }]);
      expect(s.objects.map((o) => o.metadata.name)).toEqual(["big"]);
      expect(s.sources[0]).toMatchObject({ gzip: true, bytes: text.length });
    });
  });

  it("reads a small gzip the same without zlib", () => {
    const text = cm("small");
    bothPlatforms(() => {
      expect(names([{ name: "s.yaml.gz", data: gzipSync(enc(text)) }])).toEqual(["small"]);
    });
  });

  it("unwraps up to three nested gzip layers, no more", () => {
    const text = enc(cm("a"));
    const three = gzipSync(gzipSync(gzipSync(text)));
    expect(names([{ name: "a.yaml.gz", data: three }])).toEqual(["a"]);
    const four = gzipSync(three);
    // The fourth layer is left as it is: binary, not text.
    expect(error(() => loadSnapshot([{ name: "a.yaml.gz", data: four }])).code).toBe("encoding");
  });

  it("says where corrupt gzip data is", () => {
    const gz = gzipSync(enc(cm("a")));
    const corrupt = new Uint8Array([...gz.subarray(0, 12), ...new Uint8Array(30).fill(0xff)]);
    bothPlatforms(() => {
      expect(error(() => loadSnapshot([{ name: "c.yaml.gz", data: corrupt }]))).toMatchObject({
        code: "syntax",
        message: "corrupt gzip data",
        location: { file: "c.yaml.gz" },
      });
    });
  });
});

describe("tar detection", () => {
  /** A YAML ConfigMap whose bytes 257..261 are `marker`, padded to `length` bytes. */
  const withMarker = (marker: string, length: number) => {
    const head = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: m }\ndata: { a: "`;
    const pad = "x".repeat(257 - head.length);
    const tail = '" }\n';
    return enc(`${head}${pad}${marker}${"x".repeat(length - 257 - marker.length - tail.length)}${tail}`);
  };

  it("needs all of `ustar` at offset 257 and a whole 512-byte header", () => {
    for (const marker of ["Xstar", "uXtar", "usXar", "ustXr", "ustaX"]) {
      expect(names([{ name: "m.yaml", data: withMarker(marker, 600) }]), marker).toEqual(["m"]);
    }
    expect(names([{ name: "m.yaml", data: withMarker("ustar", 300) }])).toEqual(["m"]);
  });
});

describe("zip and tar members", () => {
  const members = { "b.yaml": enc(cm("b")), "a.yaml": enc(cm("a")), "notes.txt": enc("hello") };
  const tarOf = (m: Record<string, Uint8Array>) =>
    createTar(Object.entries(m).map(([name, data]) => ({ name, data })));

  it("reads members in name order and says which were skipped", () => {
    for (const [name, data] of [
      ["x.zip", zipSync(members)],
      ["x.tar", tarOf(members)],
    ] as const) {
      const s = loadSnapshot([{ name, data }]);
      expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
      expect(s.sources.map((src) => src.file)).toEqual([`${name}!/a.yaml`, `${name}!/b.yaml`]);
      expect(s.warnings).toEqual([
        { file: `${name}!/notes.txt`, message: "skipped: not a .yaml, .yml, .json or .jsonl file" },
      ]);
    }
  });

  it("orders tar members by name whatever order they were written in", () => {
    const tar = tarOf({ "c.yaml": enc(cm("c")), "a.yaml": enc(cm("a")), "b.yaml": enc(cm("b")) });
    expect(names([{ name: "x.tar", data: tar }])).toEqual(["a", "b", "c"]);
  });

  it("skips directories in zip and tar without counting them as entries", () => {
    const zip = zipSync({ dir: {}, "dir/a.yaml": enc(cm("a")) });
    const tar = createTar([{ name: "dir/" }, { name: "dir/a.yaml", data: enc(cm("a")) }]);
    for (const [name, data] of [
      ["d.zip", zip],
      ["d.tar", tar],
    ] as const) {
      const s = loadSnapshot([{ name, data }], { maxArchiveEntries: 1 });
      expect(s.sources.map((src) => src.file)).toEqual([`${name}!/dir/a.yaml`]);
      expect(s.warnings).toEqual([]);
    }
  });

  it("allows exactly the entry limit, and names the archive when it is passed", () => {
    const three = { "a.yaml": enc(cm("a")), "b.yaml": enc(cm("b")), "c.yaml": enc(cm("c")) };
    for (const [name, data] of [
      ["e.zip", zipSync(three)],
      ["e.tar", tarOf(three)],
    ] as const) {
      expect(names([{ name, data }], { maxArchiveEntries: 3 })).toEqual(["a", "b", "c"]);
      expect(error(() => loadSnapshot([{ name, data }], { maxArchiveEntries: 2 }))).toMatchObject({
        code: "too-many-entries",
        message: "archive has more than 2 entries",
        location: { file: name },
      });
    }
  });

  it("allows a member of exactly the per-file limit, and names the member that passes it", () => {
    const a = enc(cm("a"));
    for (const [name, data] of [
      ["s.zip", zipSync({ "a.yaml": a })],
      ["s.tar", tarOf({ "a.yaml": a })],
    ] as const) {
      expect(names([{ name, data }], { maxEntryBytes: a.length })).toEqual(["a"]);
      expect(error(() => loadSnapshot([{ name, data }], { maxEntryBytes: a.length - 1 }))).toMatchObject({
        code: "entry-too-large",
        message: `archive entry is ${a.length} bytes uncompressed, over the per-file limit of ${a.length - 1}`,
        location: { file: `${name}!/a.yaml` },
      });
    }
  });

  it("adds the members' sizes against the snapshot limit, exactly", () => {
    const a = enc(cm("a"));
    const b = enc(cm("bb"));
    const total = a.length + b.length;
    for (const [name, data] of [
      ["t.zip", zipSync({ "a.yaml": a, "b.yaml": b })],
      ["t.tar", tarOf({ "a.yaml": a, "b.yaml": b })],
    ] as const) {
      expect(names([{ name, data }], { maxBytes: total })).toEqual(["a", "bb"]);
      expect(error(() => loadSnapshot([{ name, data }], { maxBytes: total - 1 }))).toMatchObject({
        code: "too-large",
        message: `uncompressed input exceeds the limit of ${total - 1} bytes`,
        location: { file: `${name}!/b.yaml` },
      });
    }
  });

  it("inflates a gzipped member within what the other members leave of the limit", () => {
    const a = enc(cm("a", `data: { k: "${"x".repeat(3000)}" }\n`));
    const b = enc(cm("b"));
    const total = a.length + b.length;
    for (const [name, data] of [
      ["g.zip", zipSync({ "a.yaml.gz": gzipSync(a), "b.yaml": b }, { level: 0 })],
      ["g.tar", tarOf({ "a.yaml.gz": gzipSync(a), "b.yaml": b })],
    ] as const) {
      const s = loadSnapshot([{ name, data }], { maxBytes: total });
      expect(s.objects.map((o) => o.metadata.name)).toEqual(["a", "b"]);
      expect(s.sources.map((src) => src.gzip)).toEqual([true, false]);
      expect(error(() => loadSnapshot([{ name, data }], { maxBytes: total - 1 })).code).toBe("too-large");
    }
  });

  it("reads a tar handed over as a view into a larger buffer", () => {
    const tar = tarOf({ "a.yaml": enc(cm("a")) });
    const larger = new Uint8Array(tar.length + 1024);
    larger.set(tar, 512);
    expect(names([{ name: "v.tar", data: larger.subarray(512, 512 + tar.length) }])).toEqual(["a"]);
  });

  it("does not open an archive inside an archive, and says so", () => {
    const inner = zipSync({ "a.yaml": enc(cm("a")) });
    const outer = zipSync({ "inner.json.gz": gzipSync(inner), "b.yaml": enc(cm("b")) });
    const s = loadSnapshot([{ name: "o.zip", data: outer }]);
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["b"]);
    expect(s.warnings).toContainEqual({
      file: "o.zip!/inner.json.gz",
      message: "skipped: archives inside archives are not opened",
    });
  });

  it("warns about an archive with no manifest in it, and still reads the other files", () => {
    const s = loadSnapshot([
      { name: "docs.zip", data: zipSync({ "README.md": enc("# hi") }) },
      { name: "a.yaml", data: enc(cm("a")) },
    ]);
    expect(s.objects.map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.warnings).toContainEqual({
      file: "docs.zip",
      message: "archive holds no .yaml, .yml or .json file",
    });
  });

  it("says what is wrong with an unreadable zip, and where", () => {
    const broken = zipSync({ "a.yaml": enc(cm("a")) }).slice(0, 10);
    const e = error(() => loadSnapshot([{ name: "broken.zip", data: broken }]));
    expect(e).toMatchObject({ code: "archive", location: { file: "broken.zip" } });
    expect(e.message).toMatch(/^unreadable zip archive: ./);
  });
});
