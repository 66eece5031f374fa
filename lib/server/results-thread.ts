// The thread that holds snapshots' per-object results (lib/engine/worker/results-worker.ts): check
// pages, object pages and the explorer's exempt and pass views ask it, so that unpacking 20,000 objects
// and evaluating every check over them (seconds of CPU) never runs on the event loop. One thread,
// created on first use, unreferenced (it never keeps the process alive) and ended after IDLE_MS without
// questions, which hands back the views' memory; a thread that dies is replaced on the next question.
import "server-only";
import type { Worker as WorkerType } from "node:worker_threads";
import type {
  FromResultsWorker,
  ResultsLoad,
  ResultsQuestion,
  ToResultsWorker,
} from "@/lib/engine/worker/results-worker";
import { startThread } from "./bundles";

/** The thread ends after this long without a question (its views with it). */
const IDLE_MS = 5 * 60_000;

interface Pending {
  resolve: (reply: FromResultsWorker) => void;
  reject: (e: Error) => void;
}

interface ResultsState {
  worker: WorkerType | null;
  pending: Map<number, Pending>;
  next: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

// On globalThis: Next may load this module more than once in one process, and there is one thread.
const g = globalThis as typeof globalThis & { __kubereadyResults?: ResultsState };
const state = () => (g.__kubereadyResults ??= { worker: null, pending: new Map(), next: 1 });

function thread(s: ResultsState): WorkerType {
  if (s.worker) return s.worker;
  const worker = startThread("results-worker", "lib/engine/worker/results-worker.ts");
  const fail = (e: Error) => {
    if (s.worker !== worker) return;
    s.worker = null;
    for (const p of s.pending.values()) p.reject(e);
    s.pending.clear();
  };
  worker.on("message", (m: FromResultsWorker) => {
    const p = s.pending.get(m.id);
    if (!p) return;
    s.pending.delete(m.id);
    p.resolve(m);
    if (s.pending.size === 0) idle(s, worker);
  });
  worker.once("error", (e) => fail(e));
  worker.once("exit", (code) => fail(new Error(`The results thread exited (code ${code}).`)));
  s.worker = worker;
  return worker;
}

/** Unreferences an idle thread and ends it unless a question arrives within IDLE_MS. */
function idle(s: ResultsState, worker: WorkerType) {
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

function ask(key: string, question: ResultsQuestion, load?: ResultsLoad): Promise<FromResultsWorker> {
  const s = state();
  const worker = thread(s);
  worker.ref();
  const id = s.next++;
  return new Promise((resolve, reject) => {
    s.pending.set(id, { resolve, reject });
    const message: ToResultsWorker = { id, key, question, ...(load ? { load } : {}) };
    worker.postMessage(message, load ? [load.gz.buffer as ArrayBuffer] : []);
  });
}

/**
 * The answer to a question about the view `key` names; `load` is called (once) for the snapshot's
 * stored parts when the thread does not hold that view.
 */
export async function askResults<T>(
  key: string,
  question: ResultsQuestion,
  load: () => Promise<ResultsLoad>,
): Promise<T> {
  let reply = await ask(key, question);
  if (!reply.ok && reply.missing) reply = await ask(key, question, await load());
  if (reply.ok) return reply.value as T;
  throw new Error(reply.missing ? "The results thread lost the snapshot it was sent." : reply.message);
}
