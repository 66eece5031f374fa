// The loader without Node's built-ins, as the browser runs it (components/snapshots/redact.worker.ts): what it
// uploads, loaded again by the server, must give what the server gets from the raw files — and hold no secret.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FIXTURES_DIR } from "../testing";
import { SnapshotError } from "./errors";
import { loadSnapshot, type SnapshotInput } from "./load";

const platform = vi.hoisted(() => ({ browser: false }));

vi.mock("./platform", async (original) => {
  const real = await original<typeof import("./platform")>();
  return {
    get nodeBuffer() {
      return platform.browser ? undefined : real.nodeBuffer;
    },
    get nodeZlib() {
      return platform.browser ? undefined : real.nodeZlib;
    },
    get nodeCrypto() {
      return platform.browser ? undefined : real.nodeCrypto;
    },
  };
});

afterEach(() => {
  platform.browser = false;
});

const enc = (s: string) => new TextEncoder().encode(s);

function inBrowser<T>(run: () => T): T {
  platform.browser = true;
  try {
    return run();
  } finally {
    platform.browser = false;
  }
}

/** What the worker sends: the browser-loaded objects as one gzipped List, under the first file's name. */
function browserUpload(inputs: SnapshotInput[]): SnapshotInput {
  const loaded = inBrowser(() => loadSnapshot(inputs));
  const list = { apiVersion: "v1", kind: "List", items: loaded.objects };
  return { name: inputs[0]?.name ?? "upload", data: gzipSync(JSON.stringify(list)) };
}

const tlsFixture = readFileSync(join(FIXTURES_DIR, "tls-certificate-expiry", "pass.yaml"), "utf8");
const certBase64 = /tls\.crt: (\S+)/.exec(tlsFixture)?.[1] ?? "";
const certPem = Buffer.from(certBase64, "base64").toString("utf8");
const KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";

const secretsYaml = `apiVersion: v1
kind: Secret
metadata: { name: tls, namespace: web }
type: kubernetes.io/tls
data:
  tls.crt: ${Buffer.from(certPem + KEY_PEM).toString("base64")}
  tls.key: ${Buffer.from(KEY_PEM).toString("base64")}
---
apiVersion: v1
kind: Secret
metadata: { name: bundle, namespace: web }
stringData:
  ca.crt: |
${(certPem + certPem)
  .trim()
  .split("\n")
  .map((l) => `    ${l}`)
  .join("\n")}
  password: correct horse battery staple
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: web
  annotations: { deploy/key: "${Buffer.from(KEY_PEM).toString("base64")}" }
spec:
  template:
    spec:
      containers:
        - name: api
          image: api:1
          args: ["--db-password=hunter2-literal"]
          env:
            - { name: DATABASE_URL, value: "postgres://app:pw-in-url@db:5432/app" }
            - { name: API_TOKEN, value: "tok-literal-value" }
`;

describe("loading without Node built-ins (the browser)", () => {
  it("redacts like the server, and what it sends gives the server the same snapshot", () => {
    const inputs = [{ name: "mixed.yaml", data: enc(secretsYaml) }];
    const server = loadSnapshot(inputs);
    const upload = browserUpload(inputs);
    const sent = Buffer.from(JSON.stringify(inBrowser(() => loadSnapshot(inputs)).objects));
    for (const secret of [
      "correct horse",
      "hunter2-literal",
      "pw-in-url",
      "tok-literal-value",
      "MIIEvQIBAD",
    ]) {
      expect(sent.includes(secret)).toBe(false);
    }
    expect(sent.includes(Buffer.from(KEY_PEM).toString("base64"))).toBe(false);
    const again = loadSnapshot([upload]);
    expect(again.objects).toEqual(server.objects);
    expect(again.certificates).toEqual(server.certificates);
    expect(again.certificates).toHaveLength(3);
    expect(again.warnings).toEqual(server.warnings);
  });

  it("counts what it removed, and the public certificates it keeps for the server", () => {
    const inputs = [{ name: "mixed.yaml", data: enc(secretsYaml) }];
    const server = loadSnapshot(inputs);
    const loaded = inBrowser(() => loadSnapshot(inputs));
    // tls.crt and ca.crt are kept (their certificates only), not dropped.
    expect(loaded.redactions).toEqual({
      ...server.redactions,
      secretValuesDropped: server.redactions.secretValuesDropped - 2,
    });
    expect(loaded.redactions).toMatchObject({ secretsRedacted: 2, certificatesParsed: 3 });
    expect(loaded.certificates).toEqual([]);
    const [tls, bundle] = loaded.objects;
    expect(tls?.data).toEqual({ "tls.crt": Buffer.from(`${certPem.trim()}\n`).toString("base64") });
    expect(bundle?.stringData).toEqual({ "ca.crt": `${certPem.trim()}\n${certPem.trim()}\n` });
  });

  it("reads a big JSON list, gzip and zip as the server does", () => {
    const items = Array.from({ length: 4000 }, (_, i) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: `cm-${i}`, namespace: "a", labels: { app: "x".repeat(200) } },
      data: { "db.url": `postgres://u:pw-${i}@db/x`, plain: "value" },
    }));
    const json = JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 2);
    expect(json.length).toBeGreaterThan(1024 * 1024); // the server's list fast path applies
    for (const input of [
      { name: "list.json", data: enc(json) },
      { name: "list.json.gz", data: gzipSync(json) },
      { name: "list.zip", data: zipSync({ "dir/list.json": enc(json) }) },
    ]) {
      const server = loadSnapshot([input]);
      const browser = inBrowser(() => loadSnapshot([input]));
      expect(browser.objects).toEqual(server.objects);
      expect(browser.redactions).toEqual(server.redactions);
      expect(browser.sources).toEqual(server.sources);
    }
  });

  it("stops a gzip bomb at the limit and refuses what is not UTF-8, with the server's errors", () => {
    const bomb = { name: "bomb.json.gz", data: gzipSync(new Uint8Array(64 * 1024 * 1024)) };
    const error = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return e instanceof SnapshotError ? e.toJSON() : e;
      }
      return undefined;
    };
    const limits = { maxBytes: 8 * 1024 * 1024, maxEntryBytes: 8 * 1024 * 1024 };
    expect(inBrowser(() => error(() => loadSnapshot([bomb], limits)))).toEqual(
      error(() => loadSnapshot([bomb], limits)),
    );
    const latin1 = { name: "x.yaml", data: new Uint8Array([0x6b, 0x3a, 0x20, 0xe9, 0x0a]) };
    expect(inBrowser(() => error(() => loadSnapshot([latin1])))).toMatchObject({ code: "encoding" });
    const broken = {
      name: "broken.yaml",
      data: enc("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n"),
    };
    const expected = error(() => loadSnapshot([broken]));
    expect(expected).toMatchObject({ code: "syntax", location: { file: "broken.yaml" } });
    expect(inBrowser(() => error(() => loadSnapshot([broken])))).toEqual(expected);
  });
});
