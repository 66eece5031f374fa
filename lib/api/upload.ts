// Reads an upload — multipart form (browser) or raw body (CI: curl --data-binary) — under a byte cap,
// without trusting Content-Length alone.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { UploadFile } from "@/lib/server/snapshots";
import { payloadTooLarge, readCapped } from "./capped-body";

const tooLarge = (max: number) =>
  payloadTooLarge(`The upload exceeds the limit of ${Math.round(max / 1048576)} MB.`, max);

export async function readUpload(req: Request, maxBytes: number): Promise<UploadFile[]> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const type = req.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("bad-request", "The multipart body could not be read.");
    }
    const files: UploadFile[] = [];
    for (const value of form.values()) {
      if (typeof value === "string") continue;
      files.push({ name: value.name || "upload", data: new Uint8Array(await value.arrayBuffer()) });
    }
    if (files.length === 0) throw new AppError("bad-request", "The form contains no file field.");
    return files;
  }
  if (!req.body) throw new AppError("bad-request", "The request has no body: send a snapshot file.");
  const url = new URL(req.url);
  const name = url.searchParams.get("filename") ?? req.headers.get("x-filename") ?? "upload";
  return [{ name, data: await readCapped(req, maxBytes, () => tooLarge(maxBytes)) }];
}
