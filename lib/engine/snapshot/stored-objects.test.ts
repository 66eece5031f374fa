import { randomBytes } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { K8sObject } from "../types";
import { SnapshotError } from "./errors";
import { assertStorableAnalysis, gunzipObjects, gzipObjects } from "./stored-objects";

const pod = (i: number, extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: `pod-${i}`, namespace: "shop", labels: { app: "web" } },
  spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
  ...extra,
});

async function refusal(p: Promise<unknown>): Promise<SnapshotError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SnapshotError);
  return err as SnapshotError;
}

describe("stored objects", () => {
  it("round-trips objects, including an empty list and non-ASCII text", async () => {
    for (const objects of [
      [],
      [pod(1)],
      [pod(1), pod(2, { data: { note: 'päivää 🌍 \u2028 "quoted" \\ back' } })],
    ]) {
      const gz = await gzipObjects(objects);
      expect(JSON.parse(gunzipSync(gz).toString("utf8"))).toEqual(objects);
      expect(await gunzipObjects(gz)).toEqual(objects);
    }
  });

  it("writes exactly what one JSON.stringify of the array would, across batch boundaries", async () => {
    const objects = Array.from({ length: 20_000 }, (_, i) => pod(i));
    const gz = await gzipObjects(objects);
    expect(gunzipSync(gz).toString("utf8")).toBe(JSON.stringify(objects));
  });

  it("refuses output whose JSON passes the limit, with output-too-large (a 413 code)", async () => {
    const objects = Array.from({ length: 1000 }, (_, i) => pod(i));
    const json = JSON.stringify(objects).length;
    const limits = { maxJsonBytes: json - 1, maxGzipBytes: 1e9 };
    expect((await refusal(gzipObjects(objects, limits))).code).toBe("output-too-large");
    await expect(gzipObjects(objects, { ...limits, maxJsonBytes: json })).resolves.toBeInstanceOf(Uint8Array);
  });

  it("writes a value JSON cannot represent as null, as in an array", async () => {
    const gz = await gzipObjects([pod(1), undefined, () => 1]);
    expect(gunzipSync(gz).toString("utf8")).toBe(`[${JSON.stringify(pod(1))},null,null]`);
  });

  it("refuses an object too long for one string with output-too-large, and rethrows other errors", async () => {
    const tooLong = {
      toJSON: () => {
        throw new RangeError("Invalid string length");
      },
    };
    const e = await refusal(gzipObjects([pod(0), pod(1), tooLong]));
    expect(e.code).toBe("output-too-large");
    expect(e.message).toContain("object 2 alone is longer than the longest string");
    await expect(gzipObjects([pod(0), { n: 1n }])).rejects.toBeInstanceOf(TypeError);
  });

  it("says which limit the JSON passed", async () => {
    const e = await refusal(gzipObjects([pod(0)], { maxJsonBytes: 10, maxGzipBytes: 1e9 }));
    expect(e.message).toBe(
      "the redacted objects take more than 10 bytes as JSON, the limit for one snapshot",
    );
  });

  it("accepts output exactly at the compressed limit", async () => {
    const objects = Array.from({ length: 50 }, (_, i) => pod(i));
    const size = (await gzipObjects(objects)).length;
    const limits = { maxJsonBytes: 1e9, maxGzipBytes: size };
    expect(await gunzipObjects(await gzipObjects(objects, limits))).toEqual(objects);
    expect((await refusal(gzipObjects(objects, { ...limits, maxGzipBytes: size - 1 }))).code).toBe(
      "output-too-large",
    );
  });

  it("refuses output whose compressed size passes the limit", async () => {
    // Random text barely compresses: 50 objects × 20 KB ≈ 1 MB of gzip.
    const objects = Array.from({ length: 50 }, (_, i) =>
      pod(i, { data: { blob: randomBytes(15_000).toString("base64") } }),
    );
    const e = await refusal(gzipObjects(objects, { maxJsonBytes: 1e9, maxGzipBytes: 256 * 1024 }));
    expect(e.code).toBe("output-too-large");
    expect(e.message).toContain("compress");
  });

  it("refuses to read back more than the JSON limit", async () => {
    const gz = gzipSync(JSON.stringify(Array.from({ length: 100 }, (_, i) => pod(i))));
    const e = await refusal(gunzipObjects(gz, { maxJsonBytes: 1000, maxGzipBytes: 1e9 }));
    expect(e.code).toBe("output-too-large");
    expect(e.message).toBe("the stored objects inflate to more than 1000 bytes");
  });

  it("passes on a corrupt stored value as the error it is, not as a size refusal", async () => {
    const gz = gzipSync(JSON.stringify([pod(1)]));
    const corrupt = Buffer.concat([gz.subarray(0, 12), Buffer.alloc(20, 0xff)]);
    const err = await gunzipObjects(corrupt).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(SnapshotError);
  });

  it("stores 200,000 small pods without building one giant string", async () => {
    const objects = Array.from({ length: 200_000 }, (_, i) => pod(i));
    const before = process.memoryUsage();
    const gz = await gzipObjects(objects);
    const after = process.memoryUsage();
    const back = await gunzipObjects(gz);
    expect(back).toHaveLength(200_000);
    expect(back[199_999]?.metadata.name).toBe("pod-199999");
    // The JSON is ~35 MB; the batches keep what is held at once to a few MB plus the compressed output.
    const grewMb = (after.heapUsed + after.external - before.heapUsed - before.external) / 1048576;
    console.log(
      `[stored-objects] 200k pods: gzip ${(gz.length / 1048576).toFixed(1)} MB, heap+external growth ${grewMb.toFixed(1)} MB`,
    );
    expect(grewMb).toBeLessThan(30);
  });

  it("refuses an analysis whose findings would pass the stored-analysis cap", () => {
    const affected = Array.from({ length: 20_000 }, (_, i) => ({
      object: { kind: "Pod", namespace: "shop", name: `pod-${i}` },
      message: "container web has no memory limit",
      severity: "high",
    }));
    const analysis = {
      score: { score: 40 },
      checks: [],
      findings: [{ checkId: "resource-limits", affected }],
    };
    const json = JSON.stringify(analysis).length;
    expect(() => assertStorableAnalysis(analysis, json + 100)).not.toThrow();
    const e = (() => {
      try {
        assertStorableAnalysis(analysis, json - 1000);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(SnapshotError);
    expect((e as SnapshotError).code).toBe("output-too-large");
    expect((e as SnapshotError).message).toBe(
      `the analysis lists more affected objects than can be stored (over ${json - 1000} bytes as JSON); ` +
        "upload fewer namespaces at a time",
    );
  });

  it("measures an analysis as its JSON plus 16 bytes per finding, and accepts exactly the cap", () => {
    const analysis = { score: 1, findings: [{ checkId: "x".repeat(500), affected: [] }] };
    const measured =
      JSON.stringify({ score: 1 }).length + JSON.stringify({ checkId: "x".repeat(500) }).length + 16;
    expect(() => assertStorableAnalysis(analysis, measured)).not.toThrow();
    expect(() => assertStorableAnalysis(analysis, measured - 1)).toThrow(SnapshotError);
  });

  it("counts a finding's own fields, not only its affected objects", () => {
    const analysis = { findings: [{ message: "m".repeat(10_000), affected: [{ name: "a" }] }] };
    expect(() => assertStorableAnalysis(analysis, 5_000)).toThrow(SnapshotError);
  });
});
