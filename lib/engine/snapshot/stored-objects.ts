// The redacted objects of a snapshot as stored: one gzipped JSON array. It is written object by object
// into a gzip stream (one JSON.stringify of a 200,000-object array overruns V8's string limit and throws
// "RangeError: Invalid string length"), under two caps that hold while writing:
//
// - the JSON text stays below V8's longest string (2^29 − 24 UTF-16 units on 64-bit Node), so reading it
//   back is always one gunzip plus one JSON.parse, with no incremental parser to maintain;
// - the compressed bytes stay below a row size the databases handle comfortably.
//
// Going over either is refused at write time with the "output-too-large" code (HTTP 413), never a 500.
// The analysis stored beside the objects has its own cap (assertStorableAnalysis).
import { promisify } from "node:util";
import { createGzip, gunzip } from "node:zlib";
import type { K8sObject } from "../types";
import { SnapshotError } from "./errors";

export interface StoredObjectsLimits {
  /** UTF-8 bytes of the JSON array; bytes ≥ UTF-16 units, so this also bounds the string JSON.parse reads. */
  maxJsonBytes: number;
  /** Bytes of the gzip stream that is stored. */
  maxGzipBytes: number;
}

export const STORED_OBJECTS_LIMITS: StoredObjectsLimits = {
  maxJsonBytes: 500 * 1024 * 1024,
  maxGzipBytes: 256 * 1024 * 1024,
};

// Objects are handed to zlib in batches of about this many characters: few enough calls to keep the
// stream's overhead small, small enough that only one batch is ever held besides the objects.
const BATCH_CHARS = 1024 * 1024;

const tooLarge = (message: string) => new SnapshotError("output-too-large", message);

/** Serialises `objects` as a gzipped JSON array without ever holding the whole JSON text. */
export async function gzipObjects<T = K8sObject>(
  objects: readonly T[],
  limits: StoredObjectsLimits = STORED_OBJECTS_LIMITS,
): Promise<Buffer> {
  const gzip = createGzip({ level: 6 });
  const chunks: Buffer[] = [];
  let gzipBytes = 0;
  let failure: Error | undefined;
  gzip.on("data", (c: Buffer) => {
    gzipBytes += c.byteLength;
    if (gzipBytes > limits.maxGzipBytes && !failure) {
      failure = tooLarge(
        `the redacted objects compress to more than ${limits.maxGzipBytes} bytes, the limit for one snapshot`,
      );
      gzip.destroy();
      return;
    }
    chunks.push(c);
  });
  const ended = new Promise<void>((resolve) => {
    gzip.on("end", resolve);
    gzip.on("close", resolve);
    gzip.on("error", (e) => {
      failure ??= e;
      resolve();
    });
  });
  /** Writes one batch, waiting while zlib catches up so the input never piles up in its buffer. */
  const write = async (text: string) => {
    if (gzip.write(text)) return;
    await new Promise<void>((resolve) => {
      const go = () => {
        gzip.off("drain", go);
        gzip.off("close", go);
        resolve();
      };
      gzip.on("drain", go);
      gzip.on("close", go);
    });
  };

  let jsonBytes = 2;
  let batch = "[";
  for (let i = 0; i < objects.length && !failure; i++) {
    let json: string | undefined;
    try {
      // As in an array, a value JSON cannot represent becomes null.
      json = JSON.stringify(objects[i]) ?? "null";
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      failure = tooLarge(`object ${i} alone is longer than the longest string JavaScript can hold`);
      break;
    }
    jsonBytes += Buffer.byteLength(json) + (i ? 1 : 0);
    if (jsonBytes > limits.maxJsonBytes) {
      failure = tooLarge(
        `the redacted objects take more than ${limits.maxJsonBytes} bytes as JSON, the limit for one snapshot`,
      );
      break;
    }
    batch += i ? "," + json : json;
    if (batch.length >= BATCH_CHARS) {
      await write(batch);
      batch = "";
    }
  }
  if (failure) {
    gzip.destroy();
    await ended;
    throw failure;
  }
  gzip.end(batch + "]");
  await ended;
  // Set by the stream's listeners while we waited (the compressed cap, a zlib error).
  const late = failure as Error | undefined;
  if (late) throw late;
  return Buffer.concat(chunks);
}

/**
 * The stored analysis is one JSON(B) value: PostgreSQL refuses a jsonb value from 256 MiB, and Prisma
 * and the server each build its text in one string. A finding lists every affected object, so a large
 * cluster failing many checks reaches this (200,000 pods failing 16 checks: ~590 MB).
 */
export const MAX_ANALYSIS_JSON_BYTES = 200 * 1024 * 1024;

/**
 * Refuses an analysis whose JSON would pass `max` bytes, measured piece by piece (no string longer than
 * a few thousand affected objects is built) and given up as soon as the cap is passed.
 */
export function assertStorableAnalysis(
  analysis: { findings: readonly { affected: readonly unknown[] }[] } & Record<string, unknown>,
  max = MAX_ANALYSIS_JSON_BYTES,
): void {
  const { findings, ...rest } = analysis;
  let bytes = Buffer.byteLength(JSON.stringify(rest));
  const over = () => bytes > max;
  for (const finding of findings) {
    const { affected, ...head } = finding;
    bytes += Buffer.byteLength(JSON.stringify(head)) + 16;
    for (let i = 0; i < affected.length && !over(); i += 5000) {
      bytes += Buffer.byteLength(JSON.stringify(affected.slice(i, i + 5000)));
    }
    if (over()) {
      throw tooLarge(
        `the analysis lists more affected objects than can be stored (over ${max} bytes as JSON); ` +
          "upload fewer namespaces at a time",
      );
    }
  }
}

const gunzipAsync = promisify(gunzip);

/** Reads back what gzipObjects wrote (the caps it enforced keep this within one string). */
export async function gunzipObjects<T = K8sObject>(
  gz: Uint8Array,
  limits: StoredObjectsLimits = STORED_OBJECTS_LIMITS,
): Promise<T[]> {
  let json: Buffer;
  try {
    json = await gunzipAsync(gz, { maxOutputLength: limits.maxJsonBytes });
  } catch (e) {
    if ((e as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
      throw tooLarge(`the stored objects inflate to more than ${limits.maxJsonBytes} bytes`);
    }
    throw e;
  }
  return JSON.parse(json.toString("utf8")) as T[];
}
