// Worker threads that parse, redact and analyse snapshots, so the event loop keeps answering
// (/api/health, other users) while a 120 MB upload is analysed. The worker is dist/analysis-worker.mjs
// (`npm run build:cli` bundles it) while it is newer than every source it was built from, else the
// engine's own TypeScript through tsx, which costs each new thread ~0.2 s of compiling before its first
// task. A task's progress arrives on a MessagePort.
import "server-only";
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type {
  Progress,
  ReanalyseTask,
  StoredAnalysis,
  TaskFailure,
  UploadOutput,
  UploadTask,
} from "@/lib/engine/worker/analysis-task";

const g = globalThis as typeof globalThis & { __kubereadyPool?: Piscina };

/** One thread fewer than the machine has cores (at least one): the event loop keeps a core. */
export const ANALYSIS_THREADS = Math.max(1, availableParallelism() - 1);

/** The bundled worker, or undefined when it is missing or older than one of its sources. */
function bundledWorker(root: string): string | undefined {
  const bundle = path.join(root, "dist/analysis-worker.mjs");
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(
      readFileSync(path.join(root, "dist/analysis-worker.inputs.json"), "utf8"),
    ) as string[];
    const fresh = inputs.every(
      (p) => (statSync(path.join(root, p), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) <= built,
    );
    return fresh ? bundle : undefined;
  } catch {
    return undefined;
  }
}

function pool(): Piscina {
  if (!g.__kubereadyPool) {
    const root = process.cwd();
    const bundle = bundledWorker(root);
    g.__kubereadyPool = new Piscina({
      filename: bundle ?? path.join(root, "lib/engine/worker/analysis-worker.ts"),
      execArgv: bundle ? [] : ["--import", "tsx"],
      minThreads: 0,
      maxThreads: ANALYSIS_THREADS,
      idleTimeout: 60_000,
    });
  }
  return g.__kubereadyPool;
}

type WithoutPort<T> = Omit<T, "port">;

async function run<T>(
  task: WithoutPort<UploadTask> | WithoutPort<ReanalyseTask>,
  onProgress: (p: Progress) => void,
) {
  const { port1, port2 } = new MessageChannel();
  port1.on("message", (p: Progress) => onProgress(p));
  const transfer = task.kind === "upload" ? task.files.map((f) => f.data.buffer) : [task.objectsGz.buffer];
  try {
    return (await pool().run(
      { ...task, port: port2 },
      {
        transferList: [port2, ...(transfer as ArrayBuffer[])],
      },
    )) as T;
  } finally {
    port1.close();
  }
}

export const analyseUpload = (task: WithoutPort<UploadTask>, onProgress: (p: Progress) => void) =>
  run<UploadOutput | TaskFailure>(task, onProgress);

export const reanalyseSnapshot = (task: WithoutPort<ReanalyseTask>, onProgress: (p: Progress) => void) =>
  run<{ analysis: StoredAnalysis; findingsGz: Uint8Array }>(task, onProgress);

export async function closeAnalysisPool(): Promise<void> {
  await g.__kubereadyPool?.destroy();
  g.__kubereadyPool = undefined;
}
