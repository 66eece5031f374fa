// Reads an upload — multipart form (browser) or raw body (CI: curl --data-binary) — under a byte cap,
// without trusting Content-Length alone: both are streamed and cut off at the cap before more is buffered.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { UploadFile } from "@/lib/server/snapshots";
import { readCapped } from "./capped-body";
import { parseMultipart, uploadTooLarge } from "./multipart";

/** A snapshot is a handful of files (manifests, a kubectl version, …); a form is not a file store. */
export const MAX_UPLOAD_FILES = 20;
const MAX_FORM_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

export async function readUpload(req: Request, maxBytes: number): Promise<UploadFile[]> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw uploadTooLarge(maxBytes);
  if (!req.body) throw new AppError("bad-request", "The request has no body: send a snapshot file.");
  const type = req.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    const files = await parseMultipart(req.body, type, {
      maxFileBytes: maxBytes,
      maxTotalBytes: maxBytes,
      maxFiles: MAX_UPLOAD_FILES,
      maxFields: MAX_FORM_FIELDS,
      maxFieldBytes: MAX_FIELD_BYTES,
    });
    if (files.length === 0) throw new AppError("bad-request", "The form contains no file field.");
    return files;
  }
  const url = new URL(req.url);
  const name = url.searchParams.get("filename") ?? req.headers.get("x-filename") ?? "upload";
  return [{ name, data: await readCapped(req, maxBytes, () => uploadTooLarge(maxBytes)) }];
}
