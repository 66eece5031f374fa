// A snapshot's limits and stored objects on the server side: the engine's limits from the configuration,
// and reading back the streamed gzip serialisation (lib/engine/snapshot/stored-objects.ts) with its
// refusals mapped like any other snapshot error (413 with the engine's code as `reason`).
import "server-only";
import { AppError } from "@/lib/domain/errors";
import { SIZE_ERROR_CODES, SnapshotError } from "@/lib/engine/snapshot/errors";
import { gunzipObjects } from "@/lib/engine/snapshot/stored-objects";
import type { K8sObject, Limits } from "@/lib/engine/types";
import { env } from "@/lib/env";

/** The engine limits an upload is loaded under (bytes after decompression, objects counted as loaded). */
export function uploadLimits(): Pick<Limits, "maxBytes" | "maxObjects"> {
  return { maxBytes: env.MAX_UPLOAD_MB * 1024 * 1024, maxObjects: env.MAX_OBJECTS };
}

/** A SnapshotError as the API reports it: 413 for size limits, 422 for input that is wrong. */
export function snapshotProblem(err: SnapshotError): AppError {
  return new AppError(
    SIZE_ERROR_CODES.includes(err.code) ? "payload-too-large" : "invalid-snapshot",
    err.describe(),
    { reason: err.code, location: err.location },
  );
}

/** The stored (redacted) objects of a snapshot row — or its stored findings — gunzipped off the event loop. */
export async function unpackObjects<T = K8sObject>(gz: Uint8Array): Promise<T[]> {
  try {
    return await gunzipObjects<T>(gz);
  } catch (err) {
    throw err instanceof SnapshotError ? snapshotProblem(err) : err;
  }
}
