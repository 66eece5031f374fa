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
  // What was handed to the sink so far, in order; the body is read no further while a piece is pending.
  let sent: Promise<void> = Promise.resolve();

  const result = new Promise<MultipartFile[]>((resolve, reject) => {
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(busboy);
      // Stops reading: the web stream under `source` is cancelled, nothing more is buffered.
      source.destroy();
      busboy.destroy();
      reject(err instanceof Error ? err : new Error(String(err)));
    };

    source.on("data", (chunk: Uint8Array) => {
      bodyBytes += chunk.byteLength;
      if (bodyBytes > limits.maxTotalBytes + framingAllowance(limits.maxTotalBytes))
        fail(uploadTooLarge(limits.maxTotalBytes));
    });
    source.on("error", (e) => fail(malformed(`the body could not be read (${describe(e)})`)));

    busboy.on("file", (_field: string, stream: BusboyFileStream, filename: string) => {
      const chunks: Buffer[] = [];
      const name = filename || "upload";
      const pass = (step: () => Promise<void>) => {
        stream.pause();
        sent = sent.then(step).then(
          () => void stream.resume(),
          (e: unknown) => fail(e),
        );
      };
      if (sink) pass(() => sink.file(name));
      stream.on("data", (chunk: Buffer) => {
        if (settled) return;
        fileBytes += chunk.byteLength;
        if (fileBytes > limits.maxTotalBytes) {
          fail(uploadTooLarge(limits.maxTotalBytes));
          return;
        }
        if (sink) pass(() => sink.write(chunk));
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
      void sent.then(() => {
        if (settled) return;
        settled = true;
        resolve(files);
      });
    });
  });

  source.pipe(busboy);
  return result;
}
