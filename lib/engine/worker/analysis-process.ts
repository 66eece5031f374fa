// The analysis process (lib/server/analysis-pool.ts forks one per snapshot): it receives an upload's
// bytes as the server reads them from the request, then parses, redacts and analyses when told to, and
// sends the result back and exits. The raw upload and the parsed objects so live only in this process,
// never in the server's, and only for as long as one analysis takes.
//
// The server may fork it ahead of need and keep it waiting. An upload's starts with { type: "upload" } on
// the IPC channel; its bytes then arrive on a pipe of their own (fd 4, every file's bytes one after the
// other, ended after the last), read from then on; the IPC channel then brings { type: "run", task }: an
// upload's task with its files' names and sizes (which split the bytes into files), or a re-analysis. To the
// server: { type: "progress", … }, then { type: "piece", key, bytes } for each piece of the result's blobs,
// then { type: "result", value, maxRssBytes } (without the pieces) or { type: "error", message }; an
// upload's value is a StorableUpload (or its TaskFailure), a re-analysis's its analysis and findings.
import { readSync } from "node:fs";
import { Socket } from "node:net";
import type { MessagePort } from "node:worker_threads";
import {
  inPieces,
  runReanalyse,
  runUpload,
  storable,
  type Progress,
  type ReanalyseTask,
  type UploadTask,
} from "./analysis-task";

/** An upload's files as the server read them: their bytes are on the pipe, in this order. */
export type UploadFileSizes = { name: string; size: number }[];

export type ToAnalysis =
  /** An upload's bytes are coming on the pipe: `expectedBytes` of them (0 when the request did not say). */
  | { type: "upload"; expectedBytes: number }
  | {
      type: "run";
      task: (Omit<UploadTask, "files" | "port"> & { files: UploadFileSizes }) | Omit<ReanalyseTask, "port">;
    };

/** The result's keys whose values are byte pieces (Uint8Array[]), sent one message per piece first. */
export const PIECED_KEYS = ["objectsGz", "findingsGz"] as const;

export type FromAnalysis =
  | ({ type: "progress" } & Progress)
  | { type: "piece"; key: (typeof PIECED_KEYS)[number]; bytes: Uint8Array }
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

/** The file descriptor of the upload bytes' pipe. */
const BYTES_FD = 4;
/** Bytes asked of the pipe per read. */
const READ_AT_MOST = 4 * 1024 * 1024;

/**
 * The upload's bytes, read from the pipe as they come (the server writes only as fast as this reads) into
 * one buffer: of the size the server expects (the request's Content-Length) when it knows it, else grown
 * as needed. The pipe is read with blocking reads of up to 4 MB — this process has nothing else to do
 * until the last byte is in — which moves a 120 MB upload about twice as fast as a stream's 64 KB chunks
 * and needs no copy into one buffer at the end. Should the pipe be non-blocking after all (EAGAIN), the
 * rest is read as a stream.
 */
async function readUpload(expected: number): Promise<Buffer> {
  // Room for one read past the expected end, which finds the end of the pipe.
  let buf = Buffer.allocUnsafe(expected > 0 ? expected + 65536 : 8 * 1024 * 1024);
  let length = 0;
  const append = (chunk: Uint8Array) => {
    if (length + chunk.byteLength > buf.length) grow(length + chunk.byteLength);
    buf.set(chunk, length);
    length += chunk.byteLength;
  };
  const grow = (atLeast: number) => {
    const bigger = Buffer.allocUnsafe(Math.max(atLeast, buf.length * 2));
    buf.copy(bigger, 0, 0, length);
    buf = bigger;
  };
  for (;;) {
    if (length === buf.length) grow(length + 1);
    let n: number;
    try {
      n = readSync(BYTES_FD, buf, length, Math.min(buf.length - length, READ_AT_MOST), null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN") throw err;
      await new Promise<void>((resolve, reject) => {
        const pipe = new Socket({ fd: BYTES_FD, readable: true, writable: false });
        pipe.on("data", append);
        pipe.once("end", resolve);
        pipe.once("error", reject);
      });
      break;
    }
    if (n === 0) break;
    length += n;
  }
  // A buffer grown past a quarter more than it holds is handed back; the upload keeps an exact copy.
  return length < buf.length * 0.75 ? Buffer.from(buf.subarray(0, length)) : buf.subarray(0, length);
}

// Read once an { type: "upload" } message says bytes are coming; a re-analysis's process reads none.
let bytes: Promise<Buffer> = Promise.reject(new Error("This process was given no upload."));
// A re-analysis never reads them: an unread rejection must not end the process.
bytes.catch(() => {});

/** Splits the bytes into the files the server announced; a short or long pipe is an error. */
async function uploadFiles(sizes: UploadFileSizes) {
  const all = await bytes;
  const expected = sizes.reduce((n, f) => n + f.size, 0);
  if (all.byteLength !== expected) {
    throw new Error(`The upload's bytes were cut off (${all.byteLength} of ${expected} bytes arrived).`);
  }
  let at = 0;
  return sizes.map((f) => ({ name: f.name, data: all.subarray(at, (at += f.size)) }));
}

async function run(task: Extract<ToAnalysis, { type: "run" }>["task"]) {
  try {
    let value: Record<string, unknown>;
    if (task.kind === "upload") {
      const out = await runUpload({ ...task, port, files: await uploadFiles(task.files) });
      // Encoded for storage here, off the server's event loop (see StorableUpload).
      value = out.ok ? { ...storable(out) } : { ...out };
    } else {
      const out = await runReanalyse({ ...task, port });
      value = { ...out, findingsGz: inPieces(out.findingsGz) };
    }
    // Byte pieces first, a message each: the server never has one message of megabytes to take apart
    // at once on its event loop. It puts them back under their keys when the result comes.
    for (const key of PIECED_KEYS) {
      const pieces = value[key];
      if (!Array.isArray(pieces)) continue;
      for (const bytes of pieces as Uint8Array[]) await send({ type: "piece", key, bytes });
      value[key] = [];
    }
    await send({ type: "result", value, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
  } catch (err) {
    await send({ type: "error", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  process.disconnect();
}

process.on("message", (msg: ToAnalysis) => {
  if (msg.type === "upload") {
    bytes = readUpload(msg.expectedBytes);
    bytes.catch(() => {});
  } else if (msg.type === "run") void run(msg.task);
});
// The server went away (or aborted this upload): nothing is left to do.
process.on("disconnect", () => process.exit(0));
