import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { parseMultipart, type MultipartLimits } from "./multipart";

const B = "----kubeready-test-boundary";
const TYPE = `multipart/form-data; boundary=${B}`;
const LIMITS: MultipartLimits = {
  maxFileBytes: 1000,
  maxTotalBytes: 1500,
  maxFiles: 3,
  maxFields: 2,
  maxFieldBytes: 100,
};

type Part = { field: string; filename?: string; body: string | Buffer };

function multipart(parts: Part[], { close = true } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.field}"${p.filename === undefined ? "" : `; filename="${p.filename}"`}`;
    const type = p.filename === undefined ? "" : "Content-Type: application/octet-stream\r\n";
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.body) ? p.body : Buffer.from(p.body));
    chunks.push(Buffer.from("\r\n"));
  }
  if (close) chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

/** The body as the web stream a Request carries, split into small chunks like a network read. */
function webBody(data: Buffer, chunk = 64): ReadableStream<Uint8Array> {
  return new Request("http://localhost/", { method: "POST", body: new Uint8Array(data) }).body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(c, ctl) {
        for (let i = 0; i < c.byteLength; i += chunk) ctl.enqueue(c.subarray(i, i + chunk));
      },
    }),
  );
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const text = (d: Uint8Array) => Buffer.from(d).toString("utf8");

describe("parseMultipart", () => {
  it("returns one file with its name and bytes", async () => {
    const files = await parseMultipart(
      webBody(multipart([{ field: "file", filename: "pods.json", body: '{"kind":"List"}' }])),
      TYPE,
      LIMITS,
    );
    expect(files.map((f) => [f.name, text(f.data)])).toEqual([["pods.json", '{"kind":"List"}']]);
  });

  it("passes each file, whole and in order, to a sink that takes its time", async () => {
    const first = Buffer.alloc(1000, 0x61);
    const body = multipart([
      { field: "file", filename: "a.json", body: first },
      { field: "file", filename: "b.yaml", body: "kind: Pod\n" },
    ]);
    const got: { name: string; bytes: Buffer[] }[] = [];
    const slow = () => new Promise((r) => setTimeout(r, 1));
    const returned = await parseMultipart(webBody(body, 64), TYPE, LIMITS, {
      file: async (name) => {
        got.push({ name, bytes: [] });
        await slow();
      },
      write: async (chunk) => {
        got.at(-1)!.bytes.push(Buffer.from(chunk));
        await slow();
      },
    });
    expect(returned).toEqual([]);
    expect(got.map((f) => [f.name, text(Buffer.concat(f.bytes))])).toEqual([
      ["a.json", first.toString()],
      ["b.yaml", "kind: Pod\n"],
    ]);
  });

  it("returns several files in order and ignores plain fields", async () => {
    const body = multipart([
      { field: "note", body: "hello" },
      { field: "file", filename: "a.yaml", body: "kind: Pod\n" },
      { field: "file", filename: "b.yaml", body: Buffer.alloc(900, 0x61) },
      { field: "file", body: "", filename: "" },
    ]);
    const files = await parseMultipart(webBody(body, 7), TYPE, LIMITS);
    expect(files.map((f) => [f.name, f.data.byteLength])).toEqual([
      ["a.yaml", 10],
      ["b.yaml", 900],
      ["upload", 0],
    ]);
  });

  it("accepts a file of exactly the per-file limit", async () => {
    const files = await parseMultipart(
      webBody(multipart([{ field: "f", filename: "x", body: Buffer.alloc(1000, 1) }])),
      TYPE,
      LIMITS,
    );
    expect(files[0]?.data.byteLength).toBe(1000);
  });

  it("refuses a file over the per-file limit with 413 file-too-large", async () => {
    const err = await refusal(
      parseMultipart(
        webBody(multipart([{ field: "f", filename: "big.json", body: Buffer.alloc(1001, 1) }])),
        TYPE,
        LIMITS,
      ),
    );
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "file-too-large", limitBytes: 1000 });
    expect(err.message).toContain("big.json");
  });

  it("refuses files that together pass the total limit with upload-too-large", async () => {
    const err = await refusal(
      parseMultipart(
        webBody(
          multipart([
            { field: "f", filename: "a", body: Buffer.alloc(800, 1) },
            { field: "f", filename: "b", body: Buffer.alloc(800, 1) },
          ]),
        ),
        TYPE,
        LIMITS,
      ),
    );
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "upload-too-large", limitBytes: 1500 });
  });

  it("refuses more files than allowed with too-many-files", async () => {
    const parts = Array.from({ length: 4 }, (_, i) => ({ field: "f", filename: `${i}.yaml`, body: "x" }));
    const err = await refusal(parseMultipart(webBody(multipart(parts)), TYPE, LIMITS));
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "too-many-files", limit: 3 });
  });

  it("refuses more fields than allowed, and an oversized field", async () => {
    const many = Array.from({ length: 3 }, (_, i) => ({ field: `n${i}`, body: "x" }));
    expect((await refusal(parseMultipart(webBody(multipart(many)), TYPE, LIMITS))).extra).toMatchObject({
      reason: "too-many-fields",
    });
    const long = [{ field: "note", body: "y".repeat(101) }];
    expect((await refusal(parseMultipart(webBody(multipart(long)), TYPE, LIMITS))).extra).toMatchObject({
      reason: "field-too-large",
    });
  });

  it("answers 400 malformed-multipart for a truncated body", async () => {
    const whole = multipart([{ field: "f", filename: "a.json", body: "{}".repeat(100) }]);
    for (const cut of [whole.length - 10, 60, 20]) {
      const err = await refusal(parseMultipart(webBody(whole.subarray(0, cut)), TYPE, LIMITS));
      expect(err.code).toBe("bad-request");
      expect(err.extra).toMatchObject({ reason: "malformed-multipart" });
    }
  });

  it("answers 400 for garbage, an empty body, a missing or wrong boundary", async () => {
    const cases: [Buffer, string][] = [
      [Buffer.from("this is not multipart at all"), TYPE],
      [Buffer.alloc(0), TYPE],
      [multipart([{ field: "f", filename: "a", body: "x" }]), "multipart/form-data"],
      [multipart([{ field: "f", filename: "a", body: "x" }]), "multipart/form-data; boundary=other"],
      [multipart([{ field: "f", filename: "a", body: "x" }]), "text/plain"],
    ];
    for (const [body, type] of cases) {
      const err = await refusal(parseMultipart(webBody(body), type, LIMITS));
      expect(err.code, `${type}: ${text(body).slice(0, 30)}`).toBe("bad-request");
      expect(err.extra).toMatchObject({ reason: "malformed-multipart" });
    }
  });

  it("answers 400 when the body stream itself fails", async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error("socket hang up"));
      },
    });
    const err = await refusal(parseMultipart(failing, TYPE, LIMITS));
    expect(err.extra).toMatchObject({ reason: "malformed-multipart" });
  });

  it("stops reading an endless file at the cap instead of buffering it", async () => {
    let pulled = 0;
    const head = Buffer.from(
      `--${B}\r\nContent-Disposition: form-data; name="f"; filename="endless"\r\n\r\n`,
    );
    const endless = new ReadableStream<Uint8Array>({
      pull(ctl) {
        ctl.enqueue(pulled++ === 0 ? head : new Uint8Array(16 * 1024));
      },
    });
    const limits = { ...LIMITS, maxFileBytes: 1024 * 1024, maxTotalBytes: 1024 * 1024 };
    const err = await refusal(parseMultipart(endless, TYPE, limits));
    expect(err.extra).toMatchObject({ reason: "file-too-large" });
    // 1 MB in 16 KB chunks is 64 reads; a few more are in flight when the stream is cancelled.
    const settledAt = pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(settledAt).toBeLessThan(64 + 16);
    expect(pulled).toBe(settledAt);
  });

  it("stops reading a body of many small parts at the total byte cap", async () => {
    let pulled = 0;
    const part = multipart([{ field: "f", filename: "a", body: "x" }]).subarray(0, -(B.length + 6));
    const endless = new ReadableStream<Uint8Array>({
      pull(ctl) {
        pulled++;
        ctl.enqueue(part);
      },
    });
    const err = await refusal(parseMultipart(endless, TYPE, { ...LIMITS, maxFiles: 1e9 }));
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "upload-too-large" });
    expect(pulled * part.length).toBeLessThan(1500 + 1024 * 1024 + 64 * 1024);
  });
});
