// PDF downloads are laid out on a worker thread (lib/report/pdf-worker.ts), never on the event loop:
// the worst report the stored model allows (78 failing checks, 25 results listed each: 39 pages, ~90 KB)
// takes ~200 ms of CPU warm and ~1 s on a fresh thread on this 2-core machine, which on the request
// thread would stall /api/health and every other user for as long (lib/report/pdf.test.ts measures the
// event loop meanwhile). One thread, created on first use, unreferenced (it never keeps the process
// alive) and ended after a minute without work, so its fonts and heap are not held for a
// download a day; PDFs are made one at a time, in order, so the other core stays with the event loop
// and the analysis. A thread that dies is replaced.
//
// The thread runs dist/pdf-worker.mjs, or the TypeScript when that bundle is stale (lib/server/threads.ts).
import type { Report } from "@/lib/server/reports";
import { threadClient } from "@/lib/server/threads";
import type { FromPdfWorker, ToPdfWorker } from "./pdf-worker";

/** A PDF that takes longer than this is given up (and its thread replaced): the request gets a 500. */
const PDF_TIMEOUT_MS = 120_000;

const pdfThread = threadClient<FromPdfWorker>({
  name: "pdf-worker",
  source: "lib/report/pdf-worker.ts",
  // Ended after a minute without a PDF to write, so its fonts and heap are not held for a download a day.
  idleMs: 60_000,
  label: "PDF",
});

const g = globalThis as typeof globalThis & { __kubereadyPdfQueue?: Promise<unknown> };

async function render(report: Report): Promise<Buffer> {
  const m = await pdfThread.request({ report } satisfies Omit<ToPdfWorker, "id">, {
    timeoutMs: PDF_TIMEOUT_MS,
  });
  if (!m.ok) throw new Error(`The PDF could not be written: ${m.message}`);
  return Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength);
}

/** The report as PDF bytes, written on the PDF thread after the PDFs asked for before it. */
export function renderPdf(report: Report): Promise<Buffer> {
  const result = (g.__kubereadyPdfQueue ?? Promise.resolve()).then(() => render(report));
  g.__kubereadyPdfQueue = result.catch(() => undefined);
  return result;
}
