// One small fixture per shape of secret that redaction must find wherever it is, and per ordinary value it
// must leave alone.
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import type { LoadedSnapshot, RedactionCounts } from "../types";
import { loadSnapshot } from "./load";
import { REDACTED } from "./redact";

const enc = (s: string) => new TextEncoder().encode(s);
const M = "mk7Qx2Zr9Lw4";

function load(...objects: unknown[]): LoadedSnapshot {
  return loadSnapshot([{ name: "t.json", data: enc(objects.map((o) => JSON.stringify(o)).join("\n")) }]);
}

function obj(kind: string, rest: Record<string, unknown>, apiVersion = "v1"): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name: "x", namespace: "ns" }, ...rest };
}

const container = (extra: Record<string, unknown>) => ({
  name: "app",
  image: "registry.example.com/app:1.2",
  ...extra,
});
const deployment = (c: Record<string, unknown>) =>
  obj("Deployment", { spec: { template: { spec: { containers: [container(c)] } } } }, "apps/v1");

function expectRedacted(s: LoadedSnapshot, count: Partial<RedactionCounts>, marker = M): void {
  expect(JSON.stringify(s.objects)).not.toContain(marker);
  expect(s.redactions).toMatchObject(count);
}

describe("env lists anywhere", () => {
  it.each([
    ["PodTemplate", obj("PodTemplate", { template: { spec: { containers: [container({ env: [] })] } } })],
    [
      "Argo Workflow",
      obj(
        "Workflow",
        { spec: { templates: [{ name: "main", container: container({ env: [] }) }] } },
        "argoproj.io/v1alpha1",
      ),
    ],
    [
      "Tekton Task",
      obj("Task", { spec: { steps: [{ name: "build", image: "x", env: [] }] } }, "tekton.dev/v1"),
    ],
    ["custom resource", obj("Widget", { spec: { runner: { jobs: [{ env: [] }] } } }, "example.com/v1")],
  ])("%s", (_name, o) => {
    const json = JSON.stringify(o).replace(
      '"env":[]',
      `"env":[{"name":"DB_PASSWORD","value":"${M}"},{"name":"LOG_LEVEL","value":"debug"}]`,
    );
    const s = load(JSON.parse(json));
    expectRedacted(s, { envValuesRedacted: 1 });
    expect(JSON.stringify(s.objects)).toContain('"value":"debug"');
  });

  it("Argo and Tekton parameters (name/value lists) too", () => {
    const s = load(
      obj(
        "Workflow",
        { spec: { arguments: { parameters: [{ name: "api-token", value: M }] } } },
        "argoproj.io/v1alpha1",
      ),
    );
    expectRedacted(s, { envValuesRedacted: 1 });
  });
});

describe("credentials inside values, whatever the variable is called", () => {
  it.each([
    [
      "URL with user",
      `postgres://app:${M}@db:5432/app`,
      `postgres://app:${REDACTED}@db:5432/app`,
      "urlCredentialsRedacted",
    ],
    [
      "URL with empty user",
      `redis://:${M}@redis:6379/0`,
      `redis://:${REDACTED}@redis:6379/0`,
      "urlCredentialsRedacted",
    ],
    ["URL with @ in the password", `amqp://u:p@${M}@mq`, `amqp://u:${REDACTED}@mq`, "urlCredentialsRedacted"],
    [
      "token as URL user",
      `https://${M}${M}@github.com/org/repo`,
      `https://${REDACTED}@github.com/org/repo`,
      "urlCredentialsRedacted",
    ],
    [
      "Go MySQL DSN",
      `app:${M}@tcp(db:3306)/app`,
      `app:${REDACTED}@tcp(db:3306)/app`,
      "urlCredentialsRedacted",
    ],
    [
      "Oracle thin URL",
      `jdbc:oracle:thin:app/${M}@db:1521/svc`,
      `jdbc:oracle:thin:app/${REDACTED}@db:1521/svc`,
      "urlCredentialsRedacted",
    ],
    [
      "JDBC query string",
      `jdbc:postgresql://db:5432/app?user=app&password=${M}&ssl=true`,
      `jdbc:postgresql://db:5432/app?user=app&password=${REDACTED}&ssl=true`,
      "connectionStringValuesRedacted",
    ],
    [
      "JDBC semicolon properties",
      `jdbc:sqlserver://db:1433;databaseName=app;password=${M};encrypt=true`,
      `jdbc:sqlserver://db:1433;databaseName=app;password=${REDACTED};encrypt=true`,
      "connectionStringValuesRedacted",
    ],
    [
      "URL query token",
      `https://hooks.example.com/x?access_token=${M}&v=2`,
      `https://hooks.example.com/x?access_token=${REDACTED}&v=2`,
      "connectionStringValuesRedacted",
    ],
    [
      "Azure SAS signature",
      `https://acct.blob.core.windows.net/c?sv=2022&sig=${M}`,
      `https://acct.blob.core.windows.net/c?sv=2022&sig=${REDACTED}`,
      "connectionStringValuesRedacted",
    ],
    [
      "ADO connection string",
      `Server=tcp:db,1433;User Id=app;Password=${M};Encrypt=True;`,
      `Server=tcp:db,1433;User Id=app;Password=${REDACTED};Encrypt=True;`,
      "connectionStringValuesRedacted",
    ],
    [
      "ADO Pwd",
      `Driver={ODBC};Server=db;Uid=app;Pwd=${M};`,
      `Driver={ODBC};Server=db;Uid=app;Pwd=${REDACTED};`,
      "connectionStringValuesRedacted",
    ],
    [
      "Azure storage AccountKey",
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${M}==;EndpointSuffix=core.windows.net`,
      `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`,
      "connectionStringValuesRedacted",
    ],
    [
      "Service Bus SharedAccessKey",
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${M}`,
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${REDACTED}`,
      "connectionStringValuesRedacted",
    ],
    [
      "libpq key=value DSN",
      `host=db user=app password=${M} dbname=app`,
      `host=db user=app password=${REDACTED} dbname=app`,
      "connectionStringValuesRedacted",
    ],
    [
      "quoted value",
      `host=db password='${M} x' dbname=app`,
      `host=db password=${REDACTED} dbname=app`,
      "connectionStringValuesRedacted",
    ],
  ])("%s", (_name, value, expected, counter) => {
    // A variable name that says nothing (ends in URL, a reference suffix), in an env list and a CR field.
    const s = load(
      deployment({ env: [{ name: "DATABASE_URL", value }] }),
      obj("Database", { spec: { connection: value } }, "example.com/v1"),
    );
    expectRedacted(s, { [counter]: 2, envValuesRedacted: 0 });
    const stored = JSON.stringify(s.objects);
    expect(stored).toContain(JSON.stringify(expected));
  });
});

describe("command-line flags", () => {
  it.each([
    [
      ["--db-password=" + M, "--log-level=debug"],
      ["--db-password=" + REDACTED, "--log-level=debug"],
    ],
    [
      ["--token", M, "--v=2"],
      ["--token", REDACTED, "--v=2"],
    ],
    [
      ["--password", M],
      ["--password", REDACTED],
    ],
    [["-client-secret=" + M], ["-client-secret=" + REDACTED]],
    [["--api-key=" + M], ["--api-key=" + REDACTED]],
    [
      ["--signing-key", M],
      ["--signing-key", REDACTED],
    ],
    [
      ["sh", "-c", `exec app --password ${M} --log-level=debug`],
      ["sh", "-c", `exec app --password ${REDACTED} --log-level=debug`],
    ],
    [
      ["java", `-Xmx2g -Djavax.net.ssl.trustStorePassword=${M}`],
      ["java", `-Xmx2g -Djavax.net.ssl.trustStorePassword=${REDACTED}`],
    ],
  ])("%j", (args, expected) => {
    const s = load(deployment({ args }), deployment({ command: args }));
    expect(s.redactions.argumentValuesRedacted).toBe(2);
    expectRedacted(s, {});
    for (const o of s.objects) {
      const c = (o.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
        .containers[0];
      expect(c?.args ?? c?.command).toEqual(expected);
    }
  });

  it("leaves flags that name a file, a mode or nothing secret", () => {
    const args = [
      "--log-level=debug",
      "--tls-private-key-file=/etc/tls/tls.key",
      "--token-ttl=5m",
      "--password-file",
      "/run/secrets/pw",
      "--keyspace=orders",
      "--secrets-format=compact",
      "--requirepass",
      "$(REDIS_PASSWORD)",
      "--webhook-key=/etc/webhook/tls.key",
      "--no-auth-token",
      "anonymous",
      'redis-cli -a "${AUTH}" --no-auth-warning \\\n ping',
      "--auth-token $(TOKEN)",
      "--config",
      "/etc/app.yaml",
    ];
    const s = load(deployment({ args }));
    const c = (s.objects[0]?.spec as { template: { spec: { containers: Record<string, unknown>[] } } })
      .template.spec.containers[0];
    expect(c?.args).toEqual(args);
  });
});

describe("annotations and keys", () => {
  const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx${M}In0.Sfl${M}KxwRJ`;
  it.each([
    ["JWT", jwt],
    ["GitHub token", `ghp_${M}${M}abcd`],
    ["Slack token", `xoxb-1234567890-${M}`],
    ["AWS access key", `AKIA${M.toUpperCase()}ABCD`],
    ["high-entropy string", `${M}Xk2pV9sLq0Z8wYb3`],
    ["PEM certificate", `-----BEGIN CERTIFICATE-----\n${M}\n-----END CERTIFICATE-----\n`],
  ])("%s in an annotation", (_name, value) => {
    const o = obj("Service", {});
    (o.metadata as Record<string, unknown>).annotations = {
      "example.com/api-token": "x",
      "example.com/note": value,
    };
    const s = load(o);
    expectRedacted(s, _name.startsWith("PEM") ? { privateKeysRedacted: 1 } : { tokensRedacted: 1 });
  });

  it("known token formats in env values and arguments, whatever they are called", () => {
    const s = load(
      deployment({ env: [{ name: "HEADER", value: `Bearer ${jwt}` }], args: [`--gh=ghp_${M}${M}abcd`] }),
    );
    expectRedacted(s, { tokensRedacted: 2 });
  });

  it("PEM private keys anywhere, plain or base64; public certificates outside annotations stay", () => {
    const key = `-----BEGIN RSA PRIVATE KEY-----\nMIIE${M}\n-----END RSA PRIVATE KEY-----\n`;
    const cert = `-----BEGIN CERTIFICATE-----\nMIIC${M}cert\n-----END CERTIFICATE-----\n`;
    const s = load(
      obj(
        "Gateway",
        { spec: { tls: { key, keyB64: Buffer.from(key).toString("base64"), cert } } },
        "x.io/v1",
      ),
      obj("MutatingWebhookConfiguration", {
        webhooks: [{ clientConfig: { caBundle: Buffer.from(cert).toString("base64") } }],
      }),
    );
    expect(s.redactions.privateKeysRedacted).toBe(2);
    const stored = JSON.stringify(s.objects);
    expect(stored).not.toContain("MIIE");
    expect(stored).not.toContain(Buffer.from(key).toString("base64").slice(0, 40));
    expect(stored).toContain(`MIIC${M}cert`);
    expect(stored).toContain(Buffer.from(cert).toString("base64"));
  });
});

describe("Secrets at any depth", () => {
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db", namespace: "ns" },
    data: { password: Buffer.from(M).toString("base64") },
    stringData: { token: M },
  };
  const nest = (inner: unknown, depth: number): unknown =>
    depth === 0 ? inner : { apiVersion: "v1", kind: "List", items: [nest(inner, depth - 1)] };

  it.each([1, 4, 5, 12])("in %i nested Lists", (depth) => {
    const s = load(nest(secret, depth));
    expectRedacted(s, { secretsRedacted: 1, secretValuesDropped: 2 });
    expect(JSON.stringify(s.objects)).not.toContain(Buffer.from(M).toString("base64"));
    expect(s.objects.map((o) => o.kind)).toEqual(["Secret"]);
  });

  it("inside another object (an OpenShift Template)", () => {
    const s = load(obj("Template", { objects: [secret] }, "template.openshift.io/v1"));
    expectRedacted(s, { secretsRedacted: 1, secretValuesDropped: 2 });
    expect(JSON.stringify(s.objects)).not.toContain(Buffer.from(M).toString("base64"));
  });

  it("rejects Lists nested beyond the depth limit instead of storing them", () => {
    expect(() => load(nest(secret, 150))).toThrow(/nesting deeper/);
  });
});

describe("ordinary configuration stays", () => {
  it("URLs without credentials, flags, images, labels, digests", () => {
    const o = deployment({
      args: ["--log-level=debug", "--listen=:8080", "--upstream=https://api.example.com/v1?region=eu&page=2"],
      env: [
        { name: "API_URL", value: "https://api.example.com:8443/v1" },
        { name: "REPO", value: "ssh://git@github.com/org/repo.git" },
        { name: "JAVA_OPTS", value: "-Xmx2g -XX:MaxRAMPercentage=75 -Dfile.encoding=UTF-8" },
        { name: "SELECTOR", value: "app=web,tier=frontend" },
        { name: "TLS_KEY_PATH", value: "/etc/tls/tls.key" },
      ],
      image:
        "registry.example.com/team/app:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    });
    const meta = o.metadata as Record<string, unknown>;
    meta.labels = { app: "web", "pod-template-hash": "7d9f8c6b5a4c3b2a1z9y8x7w6v5u4t3s" };
    meta.annotations = {
      "checksum/config": "3f2a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a",
      "example.com/owner-uid": "0b6e3c1e-8c1a-4f7e-9a3b-2d5c6e7f8a9b",
      "example.com/docs": "https://wiki.example.com/teams/platform/runbooks/web",
      "prometheus.io/path": "/metrics",
      "nginx.ingress.kubernetes.io/auth-tls-secret": "default/ca-secret",
      "example.com/alert": 'up{job="api",key="node.kubernetes.io/unreachable"} == 0',
    };
    const c = (o.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
      .containers[0];
    if (c)
      c.livenessProbe = {
        httpGet: { path: "/", port: 8080, httpHeaders: [{ name: "Cookie", value: "x-liveness" }] },
      };
    const before = JSON.stringify(o);
    const s = load(o);
    expect(JSON.stringify(s.objects[0])).toBe(before);
    expect(Object.values(s.redactions).every((n) => n === 0)).toBe(true);
  });
});

describe("what the checks read", () => {
  it("secret-in-plain-config reports env values whose credential was redacted inside them", () => {
    const s = load(deployment({ env: [{ name: "DATABASE_URL", value: `postgres://app:${M}@db/app` }] }));
    const results = analyze(s).results.filter((r) => r.checkId === "secret-in-plain-config");
    expect(results.map((r) => r.status)).toContain("fail");
  });

  it("jvm-memory-headroom still reads -Xmx beside a redacted trust-store password", () => {
    const s = load(
      deployment({
        env: [{ name: "JAVA_OPTS", value: `-Xmx4g -Djavax.net.ssl.trustStorePassword=${M}` }],
        resources: { limits: { memory: "4Gi" } },
      }),
    );
    expectRedacted(s, { argumentValuesRedacted: 1 });
    const results = analyze(s).results.filter((r) => r.checkId === "jvm-memory-headroom");
    expect(results.map((r) => r.status)).toEqual(["fail"]);
  });
});
