// Decompression bombs, generated at test time: 200 MB of zeros in a few hundred KB. Each must be refused
// with a size code while the process grows by no more than the cap it was loaded under (plus a margin
// for the compressed input and the allocator), i.e. the inflated bytes are never all allocated.
import { createGzip } from "node:zlib";
import { Zip, ZipDeflate } from "fflate";
import { describe, expect, it } from "vitest";
import { SIZE_ERROR_CODES, SnapshotError } from "./errors";
import { loadSnapshot } from "./load";

const MB = 1024 * 1024;
const BOMB_MB = 200;
const CAP = 16 * MB;
const MARGIN = 48 * MB;
const LIMITS = { maxBytes: CAP, maxEntryBytes: CAP };

/** Gzips `head` followed by `mb` megabytes of zeros, one megabyte at a time. */
async function gzipBomb(mb: number, head: Uint8Array = new Uint8Array()): Promise<Uint8Array> {
  const gzip = createGzip({ level: 9 });
  const chunks: Buffer[] = [];
  gzip.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => gzip.on("end", resolve));
  const zeros = Buffer.alloc(MB);
  gzip.write(head);
  for (let i = 0; i < mb; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once("drain", r));
  gzip.end();
  await done;
  return Buffer.concat(chunks);
}

function zipBomb(mb: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    chunks.push(chunk);
  });
  const entry = new ZipDeflate("pods.json", { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(MB);
  for (let i = 0; i < mb; i++) entry.push(zeros);
  entry.push(new Uint8Array(), true);
  zip.end();
  return Buffer.concat(chunks);
}

/** A ustar header for one regular file of `size` bytes. */
function tarHeader(name: string, size: number): Uint8Array {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write("0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write("0", 156);
  h.write("ustar\x0000", 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return h;
}

function refusedWithin(name: string, data: Uint8Array): SnapshotError {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let err: unknown;
  try {
    loadSnapshot([{ name, data }], LIMITS);
  } catch (e) {
    err = e;
  }
  const grew = process.memoryUsage().rss - before;
  console.log(`[bombs] ${name}: ${data.length} bytes in, RSS +${(grew / MB).toFixed(1)} MB`);
  expect(err).toBeInstanceOf(SnapshotError);
  expect(grew).toBeLessThan(CAP + MARGIN);
  return err as SnapshotError;
}

describe("decompression bombs", () => {
  it("refuses a gzip bomb with a size code, inflating no more than the cap", async () => {
    const bomb = await gzipBomb(BOMB_MB);
    expect(bomb.length).toBeLessThan(MB);
    const e = refusedWithin("pods.json.gz", bomb);
    expect(SIZE_ERROR_CODES).toContain(e.code);
  });

  it("refuses a tar.gz whose member is a bomb", async () => {
    const bomb = await gzipBomb(BOMB_MB, tarHeader("dump/pods.json", BOMB_MB * MB));
    const e = refusedWithin("dump.tar.gz", bomb);
    expect(SIZE_ERROR_CODES).toContain(e.code);
  });

  it("refuses a zip bomb by the sizes it declares, before inflating", () => {
    const bomb = zipBomb(BOMB_MB);
    expect(bomb.length).toBeLessThan(MB);
    const e = refusedWithin("dump.zip", bomb);
    expect(e.code).toBe("entry-too-large");
  });

  it("inflates a zip entry that understates its size no further than it declared", () => {
    const bomb = zipBomb(BOMB_MB);
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    // Central directory record: uncompressed size at offset 24 (fflate reads sizes from there).
    let patched = 0;
    for (let i = bomb.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1000, true);
        patched++;
        break;
      }
    }
    expect(patched).toBe(1);
    // 1000 zero bytes are not JSON: refused as input, and nothing near 200 MB was allocated.
    const e = refusedWithin("liar.zip", bomb);
    expect(SIZE_ERROR_CODES).not.toContain(e.code);
  });

  it("counts objects while loading and stops at the limit", () => {
    const items = Array.from({ length: 1001 }, (_, i) => ({ metadata: { name: `p${i}` } }));
    const list = JSON.stringify({ apiVersion: "v1", kind: "PodList", items });
    let err: unknown;
    try {
      loadSnapshot([{ name: "pods.json", data: new TextEncoder().encode(list) }], { maxObjects: 1000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotError);
    expect((err as SnapshotError).code).toBe("too-many-objects");
    expect(SIZE_ERROR_CODES).toContain("too-many-objects");
    const ok = loadSnapshot([{ name: "pods.json", data: new TextEncoder().encode(list) }], {
      maxObjects: 1001,
    });
    expect(ok.objects).toHaveLength(1001);
  });
});
