// Reads an upload — multipart form (browser) or raw body (CI: curl --data-binary) — under a byte cap,
// without trusting Content-Length alone: both are streamed and cut off at the cap before more is buffered.
// With a sink (the analysis process of lib/server/uploads.ts) the bytes are passed on as they arrive and
// the request is read only as fast as the sink takes them; without one they are collected and returned.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { UploadFile } from "@/lib/server/snapshots";
import { parseMultipart, uploadTooLarge, type FileSink } from "./multipart";

/** A snapshot is a handful of files (manifests, a kubectl version, …); a form is not a file store. */
export const MAX_UPLOAD_FILES = 20;
const MAX_FORM_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Refuses a declared Content-Length over the cap before anything else is done; returns the declared
 * length (undefined without one, as for a chunked body).
 */
export function checkDeclaredSize(req: Request, maxBytes: number): number | undefined {
  const header = req.headers.get("content-length");
  const declared = Number(header ?? "0");
  if (declared > maxBytes) throw uploadTooLarge(maxBytes);
  return header !== null && Number.isSafeInteger(declared) && declared > 0 ? declared : undefined;
}

/** Collects what would go to a sink, for callers that want the files in memory. */
function memorySink(): FileSink & { files: UploadFile[] } {
  const files: { name: string; chunks: Uint8Array[] }[] = [];
  return {
    get files() {
      return files.map((f) => ({ name: f.name, data: Buffer.concat(f.chunks) }));
    },
    file: (name) => Promise.resolve(void files.push({ name, chunks: [] })),
    write: (chunk) => Promise.resolve(void files.at(-1)?.chunks.push(chunk)),
  };
}

export async function readUpload(req: Request, maxBytes: number): Promise<UploadFile[]>;
export async function readUpload(req: Request, maxBytes: number, sink: FileSink): Promise<void>;
export async function readUpload(
  req: Request,
  maxBytes: number,
  sink?: FileSink,
): Promise<UploadFile[] | void> {
  const memory = sink ? undefined : memorySink();
  const target = sink ?? memory!;
  checkDeclaredSize(req, maxBytes);
  // Also what curl sends for `--data-binary @empty.json`.
  if (!req.body) throw new AppError("bad-request", "The file is empty (the request has no body).");
  const type = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    let count = 0;
    await parseMultipart(
      req.body,
      type,
      {
        maxFileBytes: maxBytes,
        maxTotalBytes: maxBytes,
        maxFiles: MAX_UPLOAD_FILES,
        maxFields: MAX_FORM_FIELDS,
        maxFieldBytes: MAX_FIELD_BYTES,
      },
      { file: (name) => (count++, target.file(name)), write: (chunk) => target.write(chunk) },
    );
    if (count === 0) throw new AppError("bad-request", "The form contains no file field.");
    return memory?.files;
  }
  const url = new URL(req.url);
  const name = url.searchParams.get("filename") ?? req.headers.get("x-filename") ?? "upload";
  await target.file(name);
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw uploadTooLarge(maxBytes);
    }
    await target.write(value);
  }
  return memory?.files;
}
