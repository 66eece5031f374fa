// Analysis processes: each snapshot is parsed, redacted and analysed in a process of its own
// (lib/engine/worker/analysis-process.ts), forked when an upload starts. The request's body is streamed
// into it as it arrives, so neither the raw upload nor the parsed objects ever sit in the server's memory
// (a 120 MB list takes ~450 MB to analyse), and the event loop keeps answering (/api/health, other users).
// At most ANALYSIS_SLOTS analyses compute at once; the others hold their bytes and wait their turn.
// Analysis processes compute ANALYSIS_NICE steps below the server's CPU priority: on a machine with few cores
// the server's thread (requests, /api/health, storing results) wins the CPU whenever it has work, and
// the analyses take what it leaves (all of it while the server idles).
// Upload bytes go to the process through a pipe of their own (fd 4), not as IPC messages: no
// serialisation on either side, and the pipe's backpressure paces the request.
// The process is dist/analysis-process.mjs (`npm run build:cli` bundles it) while it is newer than every
// source it was built from, else the engine's own TypeScript through tsx.
//
// One process per analysis rather than a pool of long-lived ones: each upload needs its own receiver
// while its body streams in, and an exited process hands all its memory back at once. One is forked ahead
// of need (after each analysis), so that the next upload's bytes go to a process that is already running.
import "server-only";
import type { ChildProcess } from "node:child_process";
import { availableParallelism, getPriority, setPriority } from "node:os";
import type { Writable } from "node:stream";
import path from "node:path";
import type { FromAnalysis, ToAnalysis } from "@/lib/engine/worker/analysis-process";
import type {
  Progress,
  ReanalyseTask,
  StoredAnalysis,
  StorableUpload,
  TaskFailure,
  UploadTask,
} from "@/lib/engine/worker/analysis-task";
import { loggerFor } from "@/lib/observability/log";
import { freshBundle } from "./threads";

const log = loggerFor("analysis");

/** One analysis fewer than the machine has cores (at least one): the event loop keeps a core. */
export const ANALYSIS_SLOTS = Math.max(1, availableParallelism() - 1);

/** How much lower (nicer) than the server's own the analysis processes' CPU priority is. */
export const ANALYSIS_NICE = 10;

/** The file descriptor of the upload bytes' pipe in the analysis process. */
const BYTES_FD = 4;
/** Upload bytes the pipe may hold before the request is read further (many request chunks). */
const PIPE_AHEAD = 4 * 1024 * 1024;

const g = globalThis as typeof globalThis & {
  __kubereadyAnalyses?: {
    running: number;
    waiting: (() => void)[];
    children: Set<ChildProcess>;
    spare?: AnalysisProcess;
  };
};
const state = () => (g.__kubereadyAnalyses ??= { running: 0, waiting: [], children: new Set() });

// Taken at run time: Next's bundler would otherwise try to resolve (and bundle) the forked file itself.
const { fork } = process.getBuiltinModule("node:child_process");

function spawnAnalysis(): ChildProcess {
  const root = process.cwd();
  const bundle = freshBundle(root, "analysis-process");
  const child = fork(bundle ?? path.join(root, "lib/engine/worker/analysis-process.ts"), [], {
    execArgv: bundle ? [] : ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc", "pipe"],
  });
  // A broken pipe (the process exited early) is reported through `exit`, not as an unhandled error.
  (child.stdio[BYTES_FD] as Writable | null)?.on("error", () => {});
  const { children } = state();
  children.add(child);
  child.once("exit", () => children.delete(child));
  // Keeps the server alive only while it is being talked to (see `talk`).
  child.unref();
  child.channel?.unref();
  return child;
}

/**
 * Lowers a process's CPU priority by ANALYSIS_NICE, once it starts computing. Not before: while an
 * upload streams in, the process only gathers bytes, and at a low priority on a busy machine it would
 * drain its pipe slowly and hold the request back.
 */
function lowerPriority(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    setPriority(child.pid, Math.min(19, getPriority() + ANALYSIS_NICE));
  } catch (err) {
    // Lowering a priority is always allowed; should it fail, the analysis still runs, only less politely.
    log.warn({ err }, "could not lower the analysis process's priority");
  }
}

/** Waits for a free analysis slot; the returned function gives it back. */
async function slot(): Promise<() => void> {
  const s = state();
  if (s.running >= ANALYSIS_SLOTS) await new Promise<void>((r) => s.waiting.push(r));
  else s.running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = s.waiting.shift();
    if (next) next();
    else s.running--;
  };
}

class AnalysisProcess {
  private readonly child: ChildProcess;
  private exited: Error | null = null;
  private readonly exit: Promise<Error>;

  constructor() {
    this.child = spawnAnalysis();
    this.exit = new Promise((resolve) => {
      const stopped = (why: string) => {
        this.exited ??= new Error(`The analysis process ${why}.`);
        resolve(this.exited);
      };
      // "close", not "exit": it comes after the last message on the channel was read.
      this.child.once("close", (code, signal) => stopped(`exited (${signal ?? `code ${code}`})`));
      this.child.once("error", (e) => stopped(`failed (${e.message})`));
    });
  }

  /** Whether the process is still there to be given work. */
  get alive(): boolean {
    return this.exited === null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The pipe the upload's bytes go through. */
  private get bytes(): Writable {
    return this.child.stdio[BYTES_FD] as Writable;
  }

  /** Writes upload bytes, waiting while the pipe is full (backpressure on the request body). */
  async write(chunk: Uint8Array): Promise<void> {
    if (this.exited) throw this.exited;
    this.bytes.write(chunk);
    // Up to PIPE_AHEAD bytes may wait in the pipe before the request's next chunk is read.
    if (this.bytes.writableLength < PIPE_AHEAD) return;
    await Promise.race([
      new Promise<void>((resolve) => this.bytes.once("drain", resolve)),
      this.exit.then((e) => Promise.reject(e)),
    ]);
  }

  /** Ends the bytes: the process has the whole upload once it has read to the end of the pipe. */
  endBytes(): void {
    this.bytes.end();
  }

  /** Sends one message on the IPC channel. */
  send(msg: ToAnalysis): Promise<void> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.child.channel?.ref();
      this.child.send(msg, undefined, {}, (e) => (e ? reject(e) : resolve()));
    });
  }

  /** Sends `run` and waits for the result, passing progress on. */
  async run<T>(task: Extract<ToAnalysis, { type: "run" }>["task"], onProgress: (p: Progress) => void) {
    this.child.ref();
    this.child.channel?.ref();
    const t0 = performance.now();
    lowerPriority(this.child);
    try {
      const pieces: Record<string, Uint8Array[]> = {};
      const result = new Promise<T>((resolve, reject) => {
        this.child.on("message", (msg: FromAnalysis) => {
          if (msg.type === "progress") onProgress(msg);
          else if (msg.type === "piece") (pieces[msg.key] ??= []).push(msg.bytes);
          else if (msg.type === "error") reject(new Error(msg.message));
          else {
            log.info(
              {
                kind: task.kind,
                ms: Math.round(performance.now() - t0),
                maxRssMb: Math.round(msg.maxRssBytes / 1048576),
              },
              "analysis done",
            );
            resolve({ ...(msg.value as object), ...pieces } as T);
          }
        });
      });
      await this.send({ type: "run", task });
      return await Promise.race([result, this.exit.then((e) => Promise.reject(e))]);
    } finally {
      this.stop();
    }
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    this.bytes?.destroy();
    this.child.unref();
    this.child.channel?.unref();
  }
}

/** Where an upload's files go as the request is read. */
export interface UploadSink {
  /** Starts the next file; its bytes follow through `write`. */
  file(name: string): Promise<void>;
  /** Bytes of the current file; resolves when more may be written. */
  write(chunk: Uint8Array): Promise<void>;
}

export interface UploadAnalysis {
  sink: UploadSink;
  /** Once every byte was written: waits for a slot, analyses, and ends the process. */
  analyse(
    task: Omit<UploadTask, "files" | "port">,
    onProgress: (p: Progress) => void,
  ): Promise<StorableUpload | TaskFailure>;
  /** Ends the process without a result (the upload was refused or its request broke off). */
  abort(): void;
}

/**
 * A process for the next analysis: the one forked ahead of need, while it is there and alive, else a new
 * one. Starting node and loading the engine takes about 100 ms of CPU, which an upload's request would
 * otherwise spend waiting with its bytes held up behind a full pipe.
 */
function takeProcess(): AnalysisProcess {
  const s = state();
  const spare = s.spare;
  s.spare = undefined;
  return spare?.alive ? spare : new AnalysisProcess();
}

/**
 * Forks the next spare process, once an analysis is over (when the CPU it took is free again): from the
 * first analysis on, one idle process (about 50 MB) waits for the next upload.
 */
function keepSpare(): void {
  const s = state();
  if (!s.spare?.alive) s.spare = new AnalysisProcess();
}

/**
 * Starts an analysis process that an upload's bytes are streamed into. `expectedBytes` (the request's
 * Content-Length, when it has one) lets it read them into one buffer of the right size.
 */
export function analyseUpload(expectedBytes?: number): UploadAnalysis {
  const proc = takeProcess();
  // Sent before any byte: the process starts reading its pipe when this message comes.
  proc.send({ type: "upload", expectedBytes: expectedBytes ?? 0 }).catch(() => {
    // The process is gone: writing the bytes fails with the reason.
  });
  const files: { name: string; size: number }[] = [];
  return {
    sink: {
      file(name) {
        files.push({ name, size: 0 });
        return Promise.resolve();
      },
      async write(chunk) {
        const current = files.at(-1);
        if (!current) throw new Error("Upload bytes before any file.");
        current.size += chunk.byteLength;
        await proc.write(chunk);
      },
    },
    async analyse(task, onProgress) {
      proc.endBytes();
      const release = await slot();
      try {
        return await proc.run<StorableUpload | TaskFailure>({ ...task, files }, onProgress);
      } finally {
        release();
        keepSpare();
      }
    },
    abort: () => proc.stop(),
  };
}

/** Re-analyses stored objects in a process of its own. */
export async function reanalyseSnapshot(
  task: Omit<ReanalyseTask, "port">,
  onProgress: (p: Progress) => void,
): Promise<{ analysis: StoredAnalysis; findingsGz: Uint8Array[] }> {
  const release = await slot();
  try {
    return await takeProcess().run(task, onProgress);
  } finally {
    release();
    keepSpare();
  }
}

/** The analysis processes running now, the spare included (tests, diagnostics). */
export function analysisProcessPids(): number[] {
  return [...state().children].flatMap((c) =>
    c.pid !== undefined && c.exitCode === null && c.signalCode === null ? [c.pid] : [],
  );
}

/** Ends every analysis process (shutdown, tests). */
export async function closeAnalysisPool(): Promise<void> {
  state().spare = undefined;
  const children = [...state().children];
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once("exit", () => resolve());
          c.kill();
        }),
    ),
  );
}
