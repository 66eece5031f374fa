// Streams a multipart/form-data body through busboy and keeps only its files, under hard limits: each file
// and all files together are cut off at their byte cap before more is buffered, and the number of files,
// fields and parts is bounded. Every refusal is an AppError with a stable `reason` (413 for limits, 400
// for a body that is not valid multipart), never an unexpected error.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { Busboy, type BusboyFileStream } from "@fastify/busboy";
import { AppError } from "@/lib/domain/errors";

export interface MultipartLimits {
  /** Bytes of one file. */
  maxFileBytes: number;
  /** Bytes of all files together; the raw body may exceed it only by the multipart framing allowance. */
  maxTotalBytes: number;
  maxFiles: number;
  /** Non-file fields (their values are read and discarded). */
  maxFields: number;
  maxFieldBytes: number;
}

export interface MultipartFile {
  name: string;
  data: Uint8Array;
}

/** Where files go as they stream in, instead of memory: each call resolves when more may come. */
export interface FileSink {
  file(name: string): Promise<void>;
  write(chunk: Uint8Array): Promise<void>;
}

export type MultipartReason =
  | "upload-too-large"
  | "file-too-large"
  | "too-many-files"
  | "too-many-fields"
  | "field-too-large"
  | "malformed-multipart";

// Boundaries, part headers and small fields on top of the files' bytes: a sixteenth of the cap (at least
// 1 MB), so that a single oversized file meets its own limit first and gets the more precise reason.
const framingAllowance = (maxTotalBytes: number) => Math.max(1024 * 1024, Math.ceil(maxTotalBytes / 16));

/** Bytes read ahead of a slow sink before reading waits for it. */
const SINK_BACKLOG_BYTES = 4 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

export const uploadTooLarge = (limitBytes: number) =>
  new AppError("payload-too-large", `The upload exceeds the limit of ${mb(limitBytes)}.`, {
    reason: "upload-too-large",
    limitBytes,
  });

const malformed = (detail: string) =>
  new AppError("bad-request", `The multipart body could not be read: ${detail}.`, {
    reason: "malformed-multipart",
  });

/** Busboy's own messages are short and carry no input; they say what was wrong with the framing. */
function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\.$/, "").replace(/^Multipart: /, "") || "unexpected error";
}

/**
 * Reads the files of a multipart body. `body` is the request's web stream (or a Node stream in tests); it
 * is cancelled as soon as a limit is passed or the framing is found broken. With a `sink` the files are
 * passed on as they arrive (reading waits for the sink) and none is returned; without, they are returned.
 */
export async function parseMultipart(
  body: ReadableStream<Uint8Array> | Readable,
  contentType: string,
  limits: MultipartLimits,
  sink?: FileSink,
): Promise<MultipartFile[]> {
  let busboy: InstanceType<typeof Busboy>;
  try {
    busboy = new Busboy({
      headers: { "content-type": contentType },
      limits: {
        fileSize: limits.maxFileBytes,
        files: limits.maxFiles,
        fields: limits.maxFields,
        fieldSize: limits.maxFieldBytes,
        headerPairs: 32,
      },
    });
  } catch (e) {
    throw malformed(describe(e));
  }
  const source =
    body instanceof Readable ? body : Readable.fromWeb(body as unknown as NodeWebReadableStream<Uint8Array>);

  const files: MultipartFile[] = [];
  let fileBytes = 0;
  let bodyBytes = 0;
  let settled = false;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  // With a sink, each file's pieces are queued in order and a file starts only once the one before it has
  // ended and been taken (busboy may announce the next file before the last bytes of the one before have
  // been emitted). `latest` is the last piece queued; the body is read no further while more than
  // SINK_BACKLOG_BYTES wait for the sink.
  let previousFile: Promise<void> = Promise.resolve();
  let latest: Promise<void> = Promise.resolve();
  let backlog = 0;

  const result = new Promise<MultipartFile[]>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      stop();
      // Stops reading: the web stream under `source` is cancelled, nothing more is buffered.
      source.destroy();
      busboy.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };

    // Feeds busboy by hand rather than by pipe(), so that reading can wait for the sink.
    void (async () => {
      try {
        for await (const chunk of source as AsyncIterable<Uint8Array>) {
          if (settled) return;
          bodyBytes += chunk.byteLength;
          if (bodyBytes > limits.maxTotalBytes + framingAllowance(limits.maxTotalBytes))
            return fail(uploadTooLarge(limits.maxTotalBytes));
          const more = busboy.write(chunk);
          if (!more) await Promise.race([new Promise((r) => busboy.once("drain", r)), stopped]);
          if (backlog > SINK_BACKLOG_BYTES) await Promise.race([latest, stopped]);
        }
        if (!settled) busboy.end();
      } catch (e) {
        fail(malformed(`the body could not be read (${describe(e)})`));
      }
    })();

    busboy.on("file", (_field: string, stream: BusboyFileStream, filename: string) => {
      const chunks: Buffer[] = [];
      const name = filename || "upload";
      let queue = previousFile;
      let ended = () => {};
      previousFile = new Promise<void>((resolve) => (ended = resolve)).then(() => queue);
      // A failed piece already failed the whole read (below); the chain only must not go unhandled.
      previousFile.catch(() => {});
      const pass = (step: () => Promise<void>, bytes = 0) => {
        backlog += bytes;
        queue = queue.then(step).then(() => void (backlog -= bytes));
        latest = queue;
        queue.catch((e: unknown) => fail(e));
      };
      if (sink) pass(() => sink.file(name));
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        fileBytes += chunk.byteLength;
        if (fileBytes > limits.maxTotalBytes) {
          fail(uploadTooLarge(limits.maxTotalBytes));
          return;
        }
        if (sink) pass(() => sink.write(chunk), chunk.byteLength);
        else chunks.push(chunk);
      });
      stream.on("limit", () =>
        fail(
          new AppError(
            "payload-too-large",
            `The file ${JSON.stringify(name.slice(0, 200))} exceeds the limit of ${mb(limits.maxFileBytes)} per file.`,
            { reason: "file-too-large", limitBytes: limits.maxFileBytes },
          ),
        ),
      );
      stream.on("error", (e) => fail(malformed(describe(e))));
      stream.on("end", () => {
        ended();
        if (!settled && !sink) files.push({ name, data: Buffer.concat(chunks) });
      });
    });
    busboy.on("field", (_name: string, _value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) {
        fail(
          new AppError(
            "payload-too-large",
            `A form field exceeds the limit of ${limits.maxFieldBytes} bytes.`,
            {
              reason: "field-too-large",
              limitBytes: limits.maxFieldBytes,
            },
          ),
        );
      }
    });
    busboy.on("filesLimit", () =>
      fail(
        new AppError("payload-too-large", `The form holds more than ${limits.maxFiles} files.`, {
          reason: "too-many-files",
          limit: limits.maxFiles,
        }),
      ),
    );
    busboy.on("fieldsLimit", () =>
      fail(
        new AppError(
          "payload-too-large",
          `The form holds more than ${limits.maxFields} fields besides its files.`,
          { reason: "too-many-fields", limit: limits.maxFields },
        ),
      ),
    );
    busboy.on("error", (e: unknown) => fail(malformed(describe(e))));
    busboy.on("finish", () => {
      previousFile.then(
        () => {
          if (settled) return;
          settled = true;
          resolve(files);
        },
        () => {},
      );
    });
  });

  return result;
}
