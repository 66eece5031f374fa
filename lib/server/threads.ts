// The server's threads and processes run bundles from dist/ (`npm run build:cli` writes them, with
// `<name>.inputs.json` listing the repository files each was built from) while a bundle is newer than
// every one of its sources, else the TypeScript itself through tsx: an edited engine never runs from a
// stale bundle, and a checkout without dist/ still works.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Worker as WorkerType } from "node:worker_threads";

/** dist/<name>.mjs, or undefined when it is missing or older than one of its sources. */
export function freshBundle(root: string, name: string): string | undefined {
  const bundle = path.join(root, `dist/${name}.mjs`);
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(path.join(root, `dist/${name}.inputs.json`), "utf8")) as string[];
    const fresh = inputs.every(
      (p) => (statSync(path.join(root, p), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built,
    );
    return fresh ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A worker thread running dist/<name>.mjs, or `source` (repository-relative TypeScript) through tsx's
 * loader hooks registered inside the thread (as bin/kubeready.mjs does: the package is CommonJS, so both
 * hooks), since a worker ignores `--import tsx` in its execArgv on Node 20.
 */
export function startThread(name: string, source: string): WorkerType {
  // Taken at run time: Next's bundler would otherwise try to resolve (and bundle) the worker's file itself.
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  const root = process.cwd();
  const bundled = freshBundle(root, name);
  if (bundled) return new Worker(bundled);
  return new Worker(
    `(async () => {
      const [{ register }, { register: registerCjs }] = await Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]);
      register();
      registerCjs();
      await import(require("node:url").pathToFileURL(${JSON.stringify(path.join(root, source))}).href);
    })();`,
    { eval: true },
  );
}

interface Pending<Reply> {
  resolve: (reply: Reply) => void;
  reject: (e: Error) => void;
}

interface ThreadState<Reply> {
  worker: WorkerType | null;
  pending: Map<number, Pending<Reply>>;
  next: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export interface ThreadOptions {
  /** The bundle's name in dist/ (and the thread's, in errors). */
  name: string;
  /** The worker's TypeScript, repository-relative, run when the bundle is stale. */
  source: string;
  /** The thread ends after this long without a request (its memory with it); the next starts it again. */
  idleMs: number;
  /** Said in errors: "The <label> thread exited…". */
  label: string;
}

/**
 * Requests to one worker thread, answered by id (the worker replies `{ id, … }` to each `{ id, … }` it
 * gets). The thread is created on first use, unreferenced while idle (it never keeps the process alive),
 * ended after `idleMs` without requests, and replaced on the next request when it dies; a death rejects
 * every request in flight. State lives on globalThis: Next may load this module more than once in one
 * process, and there is one thread per name.
 */
export function threadClient<Reply extends { id: number }>(options: ThreadOptions) {
  const g = globalThis as typeof globalThis & { __kubereadyThreads?: Map<string, ThreadState<Reply>> };
  const threads = (g.__kubereadyThreads ??= new Map<string, ThreadState<Reply>>());
  const state = (): ThreadState<Reply> => {
    let s = threads.get(options.name);
    if (!s) threads.set(options.name, (s = { worker: null, pending: new Map(), next: 1 }));
    return s;
  };

  function idle(s: ThreadState<Reply>, worker: WorkerType) {
    worker.unref();
    clearTimeout(s.idleTimer);
    s.idleTimer = setTimeout(() => {
      if (s.worker === worker && s.pending.size === 0) {
        s.worker = null;
        void worker.terminate();
      }
    }, options.idleMs);
    s.idleTimer.unref();
  }

  function thread(s: ThreadState<Reply>): WorkerType {
    if (s.worker) return s.worker;
    const worker = startThread(options.name, options.source);
    const fail = (e: Error) => {
      if (s.worker !== worker) return;
      s.worker = null;
      for (const p of s.pending.values()) p.reject(e);
      s.pending.clear();
    };
    worker.on("message", (m: Reply) => {
      const p = s.pending.get(m.id);
      if (!p) return;
      s.pending.delete(m.id);
      p.resolve(m);
      if (s.pending.size === 0) idle(s, worker);
    });
    worker.once("error", (e) => fail(e));
    worker.once("exit", (code) => fail(new Error(`The ${options.label} thread exited (code ${code}).`)));
    worker.unref();
    s.worker = worker;
    return worker;
  }

  return {
    /**
     * Sends `message` with a fresh id and resolves with the thread's reply to it. After `timeoutMs` the
     * request is given up and the thread ended (work that long is stuck; the next request gets a new one).
     */
    request(message: object, opts: { transfer?: ArrayBuffer[]; timeoutMs?: number } = {}): Promise<Reply> {
      const s = state();
      const worker = thread(s);
      const id = s.next++;
      return new Promise<Reply>((resolve, reject) => {
        const timer =
          opts.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                s.pending.delete(id);
                reject(
                  new Error(`The ${options.label} thread took longer than ${opts.timeoutMs! / 1000} s.`),
                );
                void worker.terminate();
              }, opts.timeoutMs).unref();
        s.pending.set(id, {
          resolve: (r) => (clearTimeout(timer), resolve(r)),
          reject: (e) => (clearTimeout(timer), reject(e)),
        });
        clearTimeout(s.idleTimer);
        worker.ref();
        worker.postMessage({ ...message, id }, opts.transfer ?? []);
      });
    },
  };
}
