// Messages between the uploader and redact.worker.ts.
import type { SnapshotErrorCode, SnapshotErrorLocation } from "@/lib/engine/snapshot/errors";
import type { RedactionCounts, SnapshotWarning } from "@/lib/engine/types";

/** File objects are passed as they are: the worker reads them, the page never holds their bytes. */
export interface RedactRequest {
  files: File[];
}

export type RedactStage = "reading" | "redacting" | "compressing";

export type RedactResponse =
  | { type: "progress"; stage: RedactStage; done: number; total: number }
  | {
      type: "done";
      /** The name the server should record: the user's file names, comma-separated. */
      name: string;
      /** The redacted objects as one gzipped `kind: List`. */
      gzip: Blob;
      objectCount: number;
      redactions: RedactionCounts;
      warnings: SnapshotWarning[];
    }
  /** The engine refused the input, as the server would have (SnapshotError.toJSON()). */
  | {
      type: "rejected";
      error: { code: SnapshotErrorCode; message: string; location: SnapshotErrorLocation };
    }
  /** Anything else went wrong in the worker (out of memory, a bug). */
  | { type: "failed"; message: string };
