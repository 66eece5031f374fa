// Request bodies read under a byte cap that holds even when Content-Length is absent or lies: the
// stream is cancelled as soon as the cap is passed, before more is buffered.
import { AppError } from "@/lib/domain/errors";

export const payloadTooLarge = (message: string, max: number) =>
  new AppError("payload-too-large", message, { limitBytes: max });

export async function readCapped(req: Request, max: number, tooLarge: () => AppError): Promise<Uint8Array> {
  if (Number(req.headers.get("content-length") ?? "0") > max) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
