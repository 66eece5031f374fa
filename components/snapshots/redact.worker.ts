// Parses and redacts the chosen files in the browser, off the page's thread, with the same engine the server
// runs: only the redacted objects leave the machine, as one gzipped `kind: List`. The server redacts them
// again (it cannot trust a client); this is so that raw Secrets are never sent at all.
import { Gzip } from "fflate";
import { SnapshotError } from "@/lib/engine/snapshot/errors";
import { loadSnapshot } from "@/lib/engine/snapshot/load";
import type { K8sObject } from "@/lib/engine/types";
import type { RedactRequest, RedactResponse } from "./redact-protocol";

const post = (message: RedactResponse) => postMessage(message);

/** Serialises roughly this many characters before handing them to the compressor. */
const BATCH = 1 << 20;

/**
 * Gzips the objects as one List, object by object, so that no single string of the whole snapshot is made.
 * One item per line lets the server's list fast path split it; a JSON Lines name (the server reads `.jsonl`
 * line by line) gets it all on one line instead.
 */
async function gzipList(objects: K8sObject[], name: string, onProgress: (done: number) => void) {
  const nl = /\.(jsonl|ndjson)(\.gz)?$/i.test(name) ? "" : "\n";
  const encoder = new TextEncoder();
  const parts: BlobPart[] = [];
  let write: (text: string) => Promise<void>;
  let close: () => Promise<void>;
  if (typeof CompressionStream === "function") {
    const stream = new CompressionStream("gzip");
    const writer = stream.writable.getWriter();
    const blob = new Response(stream.readable).blob();
    write = (text) => writer.write(encoder.encode(text));
    close = async () => {
      await writer.close();
      parts.push(await blob);
    };
  } else {
    const gzip = new Gzip({ level: 6 }, (chunk) => parts.push(chunk));
    write = (text) => Promise.resolve(gzip.push(encoder.encode(text)));
    close = () => Promise.resolve(gzip.push(new Uint8Array(), true));
  }
  let text = `{"apiVersion":"v1","kind":"List","items":[${nl}`;
  for (let i = 0; i < objects.length; i++) {
    text += (i > 0 ? `,${nl}` : "") + JSON.stringify(objects[i]);
    if (text.length >= BATCH) {
      await write(text);
      text = "";
      onProgress(i + 1);
    }
  }
  await write(`${text}${nl}]}\n`);
  await close();
  onProgress(objects.length);
  return new Blob(parts, { type: "application/gzip" });
}

async function redact({ files }: RedactRequest): Promise<void> {
  const inputs = [];
  for (const [i, file] of files.entries()) {
    post({ type: "progress", stage: "reading", done: i, total: files.length });
    inputs.push({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
  }
  post({ type: "progress", stage: "redacting", done: 0, total: files.length });
  const loaded = loadSnapshot(inputs);
  inputs.length = 0; // the raw bytes are no longer needed: let them go before the output is built
  const total = loaded.objects.length;
  // The server records the uploaded file's name: the user's own, as if the files had been sent as they are.
  const name = files.map((f) => f.name).join(", ");
  const gzip = await gzipList(loaded.objects, name, (done) =>
    post({ type: "progress", stage: "compressing", done, total }),
  );
  post({
    type: "done",
    name,
    gzip,
    objectCount: total,
    redactions: loaded.redactions,
    warnings: loaded.warnings,
  });
}

addEventListener("message", (event: MessageEvent<RedactRequest>) => {
  redact(event.data).catch((err: unknown) => {
    if (err instanceof SnapshotError) post({ type: "rejected", error: err.toJSON() });
    else post({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  });
});
