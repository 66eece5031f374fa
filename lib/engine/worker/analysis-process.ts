// The analysis process (lib/server/analysis-pool.ts forks one per snapshot): it receives an upload's
// bytes as the server reads them from the request, then parses, redacts and analyses when told to, and
// sends the result back and exits. The raw upload and the parsed objects so live only in this process,
// never in the server's, and only for as long as one analysis takes.
//
// Messages from the server, in order: { type: "file", name }, { type: "chunk", data } …, then
// { type: "run", task } (an upload's task without its files, or a re-analysis). To the server:
// { type: "progress", … }, then { type: "result", value, maxRssBytes } or { type: "error", message }.
import type { MessagePort } from "node:worker_threads";
import { runReanalyse, runUpload, type Progress, type ReanalyseTask, type UploadTask } from "./analysis-task";

export type ToAnalysis =
  | { type: "file"; name: string }
  | { type: "chunk"; data: Uint8Array }
  | { type: "run"; task: Omit<UploadTask, "files" | "port"> | Omit<ReanalyseTask, "port"> };

export type FromAnalysis =
  | ({ type: "progress" } & Progress)
  | { type: "result"; value: unknown; maxRssBytes: number }
  | { type: "error"; message: string };

const send = (msg: FromAnalysis) =>
  new Promise<void>((resolve, reject) =>
    process.send!(msg, undefined, {}, (e) => (e ? reject(e) : resolve())),
  );

// Progress goes out on the IPC channel; the task reports through anything with postMessage.
const port = {
  postMessage: (p: Progress) => void send({ type: "progress", ...p }),
} as unknown as MessagePort;

const files: { name: string; chunks: Uint8Array[] }[] = [];

async function run(task: Extract<ToAnalysis, { type: "run" }>["task"]) {
  try {
    const value =
      task.kind === "upload"
        ? await runUpload({
            ...task,
            port,
            files: files.splice(0).map((f) => ({ name: f.name, data: Buffer.concat(f.chunks) })),
          })
        : await runReanalyse({ ...task, port });
    await send({ type: "result", value, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  } catch (err) {
    await send({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  process.disconnect();
}

process.on("message", (msg: ToAnalysis) => {
  if (msg.type === "file") files.push({ name: msg.name, chunks: [] });
  else if (msg.type === "chunk") files.at(-1)?.chunks.push(msg.data);
  else void run(msg.task);
});
// The server went away (or aborted this upload): nothing is left to do.
process.on("disconnect", () => process.exit(0));
