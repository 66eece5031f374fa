// The results thread (lib/server/results-thread.ts starts it): keeps the last few snapshots' results
// views (lib/engine/results-view.ts) and answers small questions about them — a page of one check's
// objects, one object's results, the rows of one status — so that neither unpacking the objects nor
// evaluating the checks ever runs on the server's event loop, and only a page's worth crosses back.
// A question about a view the thread does not hold is answered `missing`; the server then sends the
// snapshot's stored objects (gzipped, transferred, not copied) with the question again.
import { parentPort } from "node:worker_threads";
import type { CheckParams } from "../checks/types";
import { ResultsView, type CheckRowsQuery, type ResultStatus } from "../results-view";
import { gunzipObjects } from "../snapshot/stored-objects";
import type { CertificateFact, ClusterFacts, ExemptionRule } from "../types";

export type ResultsQuestion =
  | { op: "check"; query: CheckRowsQuery }
  | { op: "object"; checkIds: string[]; ref: { kind: string; namespace: string; name: string } }
  | { op: "status"; checkIds: string[]; status: ResultStatus; withOwners: boolean }
  | { op: "owners"; refs: { kind: string; namespace: string; name: string }[] };

/** A snapshot's stored parts and the settings in force: what a view is built from. */
export interface ResultsLoad {
  gz: Uint8Array;
  facts: ClusterFacts;
  certificates: CertificateFact[];
  rules: ExemptionRule[];
  params: CheckParams;
  now: number;
}

export type ToResultsWorker = { id: number; key: string; question: ResultsQuestion; load?: ResultsLoad };
export type FromResultsWorker =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; missing: true }
  | { id: number; ok: false; missing?: false; message: string };

/** Views kept (least recently used dropped first): a snapshot's view of 20,000 objects holds ~200 MB. */
const KEEP = 2;
const views = new Map<string, Promise<ResultsView>>();

function viewFor(key: string, load: ResultsLoad | undefined): Promise<ResultsView> | undefined {
  const hit = views.get(key);
  if (hit) {
    views.delete(key);
    views.set(key, hit);
    return hit;
  }
  if (!load) return undefined;
  const loading = gunzipObjects(load.gz).then(
    (objects) =>
      new ResultsView({
        objects,
        facts: load.facts,
        certificates: load.certificates,
        rules: load.rules,
        params: load.params,
        now: new Date(load.now),
      }),
  );
  views.set(key, loading);
  loading.catch(() => views.delete(key));
  while (views.size > KEEP) views.delete(views.keys().next().value!);
  return loading;
}

function answer(view: ResultsView, q: ResultsQuestion): unknown {
  switch (q.op) {
    case "check":
      return view.checkRows(q.query);
    case "object":
      return view.objectRows(q.checkIds, q.ref);
    case "status":
      return view.statusRows(q.checkIds, q.status, q.withOwners);
    case "owners":
      return q.refs.map((r) => view.ownerOf(r.kind, r.namespace, r.name));
  }
}

async function handle({ id, key, question, load }: ToResultsWorker): Promise<FromResultsWorker> {
  try {
    const view = viewFor(key, load);
    if (!view) return { id, ok: false, missing: true };
    return { id, ok: true, value: answer(await view, question) };
  } catch (e) {
    return { id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

parentPort?.on("message", (m: ToResultsWorker) => {
  void handle(m).then((reply) => parentPort!.postMessage(reply));
});
