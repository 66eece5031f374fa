// Redaction before upload: the browser parses and redacts, and only redacted objects reach the server.
import { readFileSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { expect, test, type Request } from "@playwright/test";
import { ADMIN, corpusFile, hasCorpus, signIn, UPLOAD_MS } from "./helpers";

interface Part {
  filename?: string;
  body: Buffer;
}

/** The parts of a multipart/form-data body (enough of RFC 7578 for what browsers send). */
function multipartParts(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const delimiter = Buffer.from(`--${boundary?.[1] ?? boundary?.[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(at + delimiter.length + 2, next - 2); // CRLF after the delimiter and before the next
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    parts.push({ filename: /filename="([^"]*)"/.exec(headers)?.[1], body: part.subarray(headerEnd + 4) });
    at = next;
  }
  return parts;
}

interface Recorded {
  method: string;
  url: string;
  contentType: string;
  body: Buffer;
}

/**
 * A reverse proxy in front of the app that records every request body as it arrives on the wire. Chromium
 * does not give Playwright the bodies of requests built from a Blob (microsoft/playwright#6479), so
 * page.on("request") alone would not see an uploaded file.
 */
async function recordingProxy(target: string) {
  const log: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      log.push({
        method: req.method ?? "",
        url: req.url ?? "",
        contentType: req.headers["content-type"] ?? "",
        body,
      });
      const upstream = request(
        new URL(req.url ?? "/", target),
        { method: req.method, headers: req.headers },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      upstream.on("error", (e) => res.writeHead(502).end(String(e)));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A request's body, and each gzip part of a multipart body inflated. */
function sentBytes(r: Recorded): { bodies: Buffer[]; files: Part[] } {
  const files = /^multipart\/form-data/i.test(r.contentType) ? multipartParts(r.body, r.contentType) : [];
  const bodies = [r.body];
  for (const f of files) {
    if (f.body[0] === 0x1f && f.body[1] === 0x8b) bodies.push(gunzipSync(f.body));
  }
  return { bodies, files };
}

test("Secrets are redacted in the browser: no Secret value is sent to the server", async ({
  browser,
  baseURL,
}) => {
  test.skip(!hasCorpus, "../shared/corpus is not present");
  test.setTimeout(180_000);
  const file = corpusFile("cluster-dumps/kubectl-neat/secret1-raw.json");
  const secret = JSON.parse(readFileSync(file, "utf8")) as { data: Record<string, string> };
  const values = Object.values(secret.data).flatMap((v) => [v, Buffer.from(v, "base64").toString("utf8")]);
  expect(values.length).toBeGreaterThan(0);

  const proxy = await recordingProxy(baseURL ?? "");
  const context = await browser.newContext({ baseURL: proxy.url });
  const page = await context.newPage();
  try {
    await signIn(page, ADMIN);
    await page.getByLabel("Assessment name").fill("Browser redaction");
    await page.getByRole("button", { name: "Create assessment" }).click();
    await expect(page.getByRole("heading", { name: "Browser redaction" })).toBeVisible();
    await page.getByRole("link", { name: "Snapshots" }).click();
    await page.getByLabel("Snapshot file").setInputFiles(file);

    await expect(page.getByRole("status", { name: "Removed before upload" })).toContainText(
      "Removed before upload: 1 Secret value (from 1 Secret).",
    );
    await expect(page.getByText(/Analysed 1 objects from secret1-raw\.json/)).toBeVisible({
      timeout: UPLOAD_MS,
    });
    await expect(page.getByRole("listitem").filter({ hasText: "secret1-raw.json" })).toBeVisible();
  } finally {
    await context.close();
    await proxy.close();
  }

  const sent = proxy.log.map(sentBytes);
  for (const bytes of sent.flatMap((s) => s.bodies)) {
    for (const value of values) expect(bytes.includes(value), `sent: ${value.slice(0, 20)}…`).toBe(false);
  }
  // Not vacuous: the upload went through the proxy, and it carried the redacted Secret under the file's name.
  const uploads = sent.flatMap((s) => s.files).filter((f) => f.filename === "secret1-raw.json");
  expect(uploads).toHaveLength(1);
  const list = JSON.parse(gunzipSync(uploads[0]!.body).toString("utf8")) as {
    kind: string;
    items: { kind: string; metadata: { name: string }; data?: unknown }[];
  };
  expect(list.kind).toBe("List");
  expect(list.items).toEqual([
    expect.objectContaining({ kind: "Secret", metadata: expect.objectContaining({ name: "myreg" }) }),
  ]);
  expect(list.items[0]?.data).toBeUndefined();
});

test("a file the browser cannot parse is refused with its location, and nothing is sent", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Browser redaction" }).click();
  await page.getByRole("link", { name: "Snapshots" }).click();
  const posts: Request[] = [];
  page.context().on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/snapshots")) posts.push(r);
  });
  await page.getByLabel("Snapshot file").setInputFiles({
    name: "broken.yaml",
    mimeType: "application/yaml",
    buffer: Buffer.from(
      "apiVersion: v1\nkind: Secret\nmetadata:\n  name: [unclosed\ndata: { token: c2VjcmV0 }\n",
    ),
  });
  const alert = page.getByRole("alert").filter({ hasText: "The snapshot was not accepted." });
  await expect(alert).toContainText(/broken\.yaml: document 1, line \d+:\d+: invalid YAML/);
  expect(posts).toHaveLength(0);
});
