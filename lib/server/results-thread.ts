// The thread that holds snapshots' per-object results (lib/engine/worker/results-worker.ts): check
// pages, object pages and the explorer's exempt and pass views ask it, so that unpacking 20,000 objects
// and evaluating every check over them (seconds of CPU) never runs on the event loop. Ended after five
// minutes without questions, which hands back the views' memory (lib/server/threads.ts).
import "server-only";
import type {
  FromResultsWorker,
  ResultsLoad,
  ResultsQuestion,
  ToResultsWorker,
} from "@/lib/engine/worker/results-worker";
import { threadClient } from "./threads";

const resultsThread = threadClient<FromResultsWorker>({
  name: "results-worker",
  source: "lib/engine/worker/results-worker.ts",
  idleMs: 5 * 60_000,
  label: "results",
});

const ask = (key: string, question: ResultsQuestion, load?: ResultsLoad) =>
  resultsThread.request({ key, question, ...(load ? { load } : {}) } satisfies Omit<ToResultsWorker, "id">, {
    transfer: load ? [load.gz.buffer as ArrayBuffer] : [],
  });

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
