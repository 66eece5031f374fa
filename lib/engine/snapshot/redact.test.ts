import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, FIXTURES_DIR, HAS_CORPUS, listCorpusFiles } from "../testing";
import { isRecord } from "../util";
import { loadSnapshot } from "./load";
import { CONFIG_VALUE_DROPPED, isSecretLookingName, LAST_APPLIED, REDACTED } from "./redact";

const enc = (s: string) => new TextEncoder().encode(s);

/** Every Secret payload value (and its base64-decoded form) in a file, parsed independently of the loader. */
function secretValues(text: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!isRecord(v)) return;
    if (v.kind === "List" || v.kind === "SecretList") return visit(v.items);
    if (v.kind !== "Secret" && !(v.metadata && v.data && !v.kind)) return;
    for (const field of ["data", "stringData"]) {
      const payload = v[field];
      if (!isRecord(payload)) continue;
      for (const value of Object.values(payload)) {
        if (typeof value !== "string") continue;
        out.push(value);
        if (field === "data") out.push(Buffer.from(value, "base64").toString("utf8"));
      }
    }
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) visit(JSON.parse(text));
  else for (const doc of parseAllDocuments(text)) visit(doc.toJS());
  // Short values ("admin", "true") also occur in harmless places; 8+ characters identify a secret.
  return out.map((s) => s.trim()).filter((s) => s.length >= 8);
}

describe.skipIf(!HAS_CORPUS)("redaction of real corpus Secrets", () => {
  const files = HAS_CORPUS
    ? listCorpusFiles().filter((f) => /^\s*"?kind"?:\s*"?Secret\b/m.test(readFileSync(f, "utf8")))
    : [];

  it("finds corpus files with Secret data", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(CORPUS_DIR.length + 1), f]))("%s leaks no secret value", (_rel, file) => {
    const text = readFileSync(file, "utf8");
    const values = secretValues(text);
    const loaded = loadSnapshot([{ name: file, data: enc(text) }]);
    const json = JSON.stringify(loaded);
    for (const v of values) expect(json.includes(v), `leaked ${v.slice(0, 12)}…`).toBe(false);
    expect(json).not.toContain(LAST_APPLIED);
    for (const o of loaded.objects.filter((o) => o.kind === "Secret")) {
      expect(o.data).toBeUndefined();
      expect(o.stringData).toBeUndefined();
    }
  });
});

describe.skipIf(!HAS_CORPUS)("redaction of the whole corpus by shape", () => {
  // Redacting what was stored again finds nothing more: no credential of a known shape is left anywhere.
  it.each(HAS_CORPUS ? listCorpusFiles().map((f) => [f.slice(CORPUS_DIR.length + 1), f]) : [])(
    "%s has nothing left to redact",
    (_rel, file) => {
      let loaded;
      try {
        loaded = loadSnapshot([{ name: file, data: new Uint8Array(readFileSync(file)) }]);
      } catch {
        return; // the corpus holds deliberately broken files; their rejection is tested elsewhere
      }
      const again = loadSnapshot([{ name: "stored.json", data: enc(JSON.stringify(loaded.objects)) }]);
      expect(again.redactions).toMatchObject({
        envValuesRedacted: 0,
        urlCredentialsRedacted: 0,
        connectionStringValuesRedacted: 0,
        argumentValuesRedacted: 0,
        tokensRedacted: 0,
        privateKeysRedacted: 0,
        lastAppliedAnnotationsDropped: 0,
        secretValuesDropped: 0,
      });
    },
  );
});

if (!HAS_CORPUS) console.warn(`corpus not found at ${CORPUS_DIR}: corpus redaction tests skipped`);

describe("redaction", () => {
  it("turns tls.crt and ca.crt (PEM bundles too) into certificate facts and drops everything else", () => {
    const fixture = readFileSync(join(FIXTURES_DIR, "tls-certificate-expiry", "pass.yaml"), "utf8");
    const base64 = /tls\.crt: (\S+)/.exec(fixture)?.[1] ?? "";
    const pem = Buffer.from(base64, "base64").toString("utf8");
    const s = loadSnapshot([
      {
        name: "s.yaml",
        data: enc(
          JSON.stringify({
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: "bundle", namespace: "web" },
            stringData: { "ca.crt": pem + pem, password: "correct horse battery staple" },
          }),
        ),
      },
    ]);
    expect(s.certificates).toHaveLength(2);
    expect(s.certificates[0]).toMatchObject({
      secretNamespace: "web",
      secretName: "bundle",
      key: "ca.crt",
      index: 0,
      isCA: true,
    });
    expect(s.certificates[0]?.subject).toContain("CN=shop.example.com");
    expect(s.certificates[0]?.notAfter).toMatch(/^21\d\d-\d\d-\d\dT/);
    expect(s.redactions).toMatchObject({ secretsRedacted: 1, secretValuesDropped: 2, certificatesParsed: 2 });
    expect(JSON.stringify(s)).not.toContain("correct horse");
  });

  it("redacts secret-looking literal env values in every container list, keeps references", () => {
    const env = [
      { name: "DB_PASSWORD", value: "pw-1-literal" },
      { name: "apiKey", value: "pw-2-literal" },
      { name: "DATABASE_URL", value: "postgres://app:pw-3-literal@db:5432/app" },
      { name: "GITHUB_TOKEN", valueFrom: { secretKeyRef: { name: "gh", key: "token" } } },
      { name: "TLS_KEY_PATH", value: "/etc/tls/tls.key" },
      { name: "LOG_LEVEL", value: "debug" },
    ];
    const container = (name: string) => ({ name, image: "x:1", env });
    const s = loadSnapshot([
      {
        name: "d.json",
        data: enc(
          JSON.stringify({
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: {
              name: "c",
              annotations: { [LAST_APPLIED]: '{"env":"pw-4-literal"}', keep: "me" },
            },
            spec: {
              jobTemplate: {
                spec: {
                  template: {
                    spec: {
                      containers: [container("a")],
                      initContainers: [container("b")],
                      ephemeralContainers: [container("c")],
                    },
                  },
                },
              },
            },
          }),
        ),
      },
    ]);
    const json = JSON.stringify(s);
    for (const secret of ["pw-1", "pw-2", "pw-3", "pw-4"]) expect(json).not.toContain(secret);
    expect(json).toContain("/etc/tls/tls.key");
    expect(json).toContain("debug");
    expect(json).toContain('"keep":"me"');
    expect(s.redactions.envValuesRedacted).toBe(6);
    expect(s.redactions.urlCredentialsRedacted).toBe(3);
    expect(json).toContain(`postgres://app:${REDACTED}@db:5432/app`);
    expect(s.redactions.lastAppliedAnnotationsDropped).toBe(1);
  });

  it("keeps only the keys of ConfigMaps, marking secret-looking ones as redacted", () => {
    const s = loadSnapshot([
      {
        name: "cm.yaml",
        data: enc(
          "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  client_secret: abcdefgh12\n  port: '80'\n",
        ),
      },
    ]);
    expect(s.objects[0]?.data).toEqual({ client_secret: REDACTED, port: CONFIG_VALUE_DROPPED });
    expect(s.redactions.configMapValuesRedacted).toBe(1);
  });

  it.each([
    ["PASSWORD", true],
    ["DB_PASS", true],
    ["dbPassword", true],
    ["AWS_SECRET_ACCESS_KEY", true],
    ["API_KEY", true],
    ["SLACK_TOKEN", true],
    ["GOOGLE_APPLICATION_CREDENTIALS_JSON", true],
    ["PRIVATE_KEY", true],
    ["BASIC_AUTH", true],
    ["KEY_PATH", false],
    ["PRIVATE_KEY_FILE", false],
    ["AWS_ACCESS_KEY_ID", false],
    ["SECRET_NAME", false],
    ["AUTH_ENABLED", false],
    ["KEYCLOAK_REALM", false],
    ["MONKEY", false],
    ["JAVA_OPTS", false],
  ])("name %s looks secret: %s", (name, expected) => {
    expect(isSecretLookingName(name)).toBe(expected);
  });
});

describe("what is not stored at all", () => {
  it("drops managedFields", () => {
    const s = loadSnapshot([
      {
        name: "live.json",
        data: enc(
          JSON.stringify({
            apiVersion: "v1",
            kind: "Service",
            metadata: {
              name: "s",
              resourceVersion: "1",
              managedFields: [{ manager: "kubectl", fieldsV1: {} }],
            },
          }),
        ),
      },
    ]);
    expect(JSON.stringify(s.objects[0])).not.toContain("managedFields");
    expect(s.facts.isLive).toBe(true);
  });
});
