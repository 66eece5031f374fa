// The PDF writer's thread (lib/report/pdf-thread.ts starts it): laying out tens of pages takes far
// longer than a request may hold the event loop, so it happens here. One report in, its bytes out.
import { parentPort } from "node:worker_threads";
import type { Report } from "@/lib/server/reports";
import { reportToPdf } from "./pdf";

export type ToPdfWorker = { id: number; report: Report };
export type FromPdfWorker =
  { id: number; ok: true; bytes: Uint8Array; ms: number } | { id: number; ok: false; message: string };

async function write({ id, report }: ToPdfWorker) {
  const started = performance.now();
  try {
    const buffer = await reportToPdf(report);
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const reply: FromPdfWorker = { id, ok: true, bytes, ms: performance.now() - started };
    parentPort!.postMessage(reply, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    const reply: FromPdfWorker = { id, ok: false, message: e instanceof Error ? e.message : String(e) };
    parentPort!.postMessage(reply);
  }
}

parentPort!.on("message", (m: ToPdfWorker) => void write(m));
