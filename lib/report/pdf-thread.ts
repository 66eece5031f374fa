// PDF downloads are laid out on a worker thread (lib/report/pdf-worker.ts), never on the event loop:
// the worst report the stored model allows (78 failing checks, 25 results listed each: 39 pages, ~90 KB)
// takes ~200 ms of CPU warm and ~1 s on a fresh thread on this 2-core machine, which on the request
// thread would stall /api/health and every other user for as long (lib/report/pdf.test.ts measures the
// event loop meanwhile). One thread, created on first use, unreferenced (it never keeps the process
// alive) and ended after IDLE_MS without work, so its fonts and heap are not held for a
// download a day; PDFs are made one at a time, in order, so the other core stays with the event loop
// and the analysis. A thread that dies is replaced.
//
// The thread runs dist/pdf-worker.mjs, or the TypeScript when that bundle is stale (lib/server/bundles.ts).
import type { Worker as WorkerType } from "node:worker_threads";
import { startThread } from "@/lib/server/bundles";
import type { Report } from "@/lib/server/reports";
import type { FromPdfWorker, ToPdfWorker } from "./pdf-worker";

/** The thread ends after this long without a PDF to write (the next one starts it again). */
const IDLE_MS = 60_000;

/** A PDF that takes longer than this is given up (and its thread replaced): the request gets a 500. */
const PDF_TIMEOUT_MS = 120_000;

interface Pending {
  resolve: (bytes: Buffer) => void;
  reject: (e: Error) => void;
}

interface PdfState {
  worker: WorkerType | null;
  pending: Map<number, Pending>;
  next: number;
  queue: Promise<unknown>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

const g = globalThis as typeof globalThis & {
  __kubereadyPdf?: PdfState;
};
const state = () =>
  (g.__kubereadyPdf ??= { worker: null, pending: new Map(), next: 1, queue: Promise.resolve() });

/** Unreferences an idle thread and ends it unless work arrives within IDLE_MS. */
function idle(s: PdfState, worker: WorkerType) {
  worker.unref();
  clearTimeout(s.idleTimer);
  s.idleTimer = setTimeout(() => {
    if (s.worker === worker && s.pending.size === 0) {
      s.worker = null;
      void worker.terminate();
    }
  }, IDLE_MS);
  s.idleTimer.unref();
}

function thread(): WorkerType {
  const s: PdfState = state();
  if (s.worker) return s.worker;
  const worker = startThread("pdf-worker", "lib/report/pdf-worker.ts");
  const fail = (e: Error) => {
    if (s.worker === worker) s.worker = null;
    for (const p of s.pending.values()) p.reject(e);
    s.pending.clear();
  };
  worker.on("message", (m: FromPdfWorker) => {
    const p = s.pending.get(m.id);
    if (!p) return;
    s.pending.delete(m.id);
    if (m.ok) p.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    else p.reject(new Error(`The PDF could not be written: ${m.message}`));
    if (s.pending.size === 0) idle(s, worker);
  });
  worker.once("error", (e) => fail(e));
  worker.once("exit", (code) => fail(new Error(`The PDF thread exited (code ${code}).`)));
  worker.unref();
  s.worker = worker;
  return worker;
}

function render(report: Report): Promise<Buffer> {
  const s: PdfState = state();
  const worker = thread();
  const id = s.next++;
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      s.pending.delete(id);
      reject(new Error(`The PDF took longer than ${PDF_TIMEOUT_MS / 1000} s.`));
      void worker.terminate();
    }, PDF_TIMEOUT_MS);
    timer.unref();
    s.pending.set(id, {
      resolve: (b) => (clearTimeout(timer), resolve(b)),
      reject: (e) => (clearTimeout(timer), reject(e)),
    });
    clearTimeout(s.idleTimer);
    worker.ref();
    worker.postMessage({ id, report } satisfies ToPdfWorker);
  });
}

/** The report as PDF bytes, written on the PDF thread after the PDFs asked for before it. */
export function renderPdf(report: Report): Promise<Buffer> {
  const s: PdfState = state();
  const result = s.queue.then(() => render(report));
  s.queue = result.catch(() => undefined);
  return result;
}
