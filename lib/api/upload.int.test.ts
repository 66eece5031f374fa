// The case: a 1 GB chunked multipart upload (no Content-Length) must be cut off at the cap while
// it streams, not read whole first. Also raw bodies. Runs in the integration project for its server-only
// stub; no database is needed.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { readUpload } from "./upload";

const MB = 1024 * 1024;
const CAP = 128 * MB;
const B = "----kubeready-big-upload";

/** A request whose body is generated as it is read: `prefix`, then zeros up to `total` bytes. */
function streamed(contentType: string, prefix: string, total: number) {
  const counter = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (counter.pulled >= total) return ctl.close();
      // Fresh, touched memory per chunk, as a network read would be.
      const chunk = counter.pulled === 0 ? new TextEncoder().encode(prefix) : new Uint8Array(MB).fill(0x20);
      counter.pulled += chunk.byteLength;
      ctl.enqueue(chunk);
    },
  });
  const req = new Request("http://localhost/api/assessments/x/snapshots", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    duplex: "half",
  } as RequestInit);
  return { req, counter };
}

async function refusedWithin(req: Request, counter: { pulled: number }, label: string) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const err = await readUpload(req, CAP).then(
    () => null,
    (e: unknown) => e,
  );
  const grew = process.memoryUsage().rss - before;
  console.log(
    `[upload] ${label}: refused after reading ${(counter.pulled / MB).toFixed(0)} MB, RSS +${(grew / MB).toFixed(0)} MB`,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(counter.pulled).toBeLessThan(CAP + 16 * MB);
  expect(grew).toBeLessThan(CAP + 96 * MB);
  return err as AppError;
}

describe("readUpload on bodies far over the cap", () => {
  it("cuts a 1 GB chunked multipart upload off at the cap (413 file-too-large)", async () => {
    const head = `--${B}\r\nContent-Disposition: form-data; name="file"; filename="huge.json"\r\n\r\n`;
    const { req, counter } = streamed(`multipart/form-data; boundary=${B}`, head, 1024 * MB);
    const err = await refusedWithin(req, counter, "1 GB multipart");
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "file-too-large", limitBytes: CAP });
  });

  it("cuts a 1 GB raw body off at the cap (413 upload-too-large)", async () => {
    const { req, counter } = streamed("application/json", "[", 1024 * MB);
    const err = await refusedWithin(req, counter, "1 GB raw");
    expect(err.code).toBe("payload-too-large");
    expect(err.extra).toMatchObject({ reason: "upload-too-large" });
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const req = new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(CAP + 1) },
      body: "{}",
    });
    const err = await readUpload(req, CAP).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "payload-too-large", extra: { reason: "upload-too-large" } });
  });

  it("answers 400 malformed-multipart for a multipart body without a boundary", async () => {
    const req = new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": "multipart/form-data" },
      body: "--x\r\n\r\nhello\r\n--x--\r\n",
    });
    const err = await readUpload(req, CAP).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "bad-request", extra: { reason: "malformed-multipart" } });
  });
});
