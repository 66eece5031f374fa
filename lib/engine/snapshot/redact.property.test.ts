// Property: whatever kind an object has, however deep its Lists nest and wherever in it a credential sits,
// a credential of a known shape never reaches what the server stores (the gzipped JSON of the objects),
// while a value in a harmless place (a label) does.
import fc from "fast-check";
import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadSnapshot } from "../index";

const enc = (s: string) => new TextEncoder().encode(s);

/** A unique, high-entropy marker: fast-check's shrinking and bias would otherwise give "AAAA…". */
function marker(seed: number, i: number): string {
  return "mk" + createHash("sha256").update(`${seed}/${i}`).digest("hex").slice(0, 14);
}

type Where = "env" | "field" | "args" | "annotation";

/** A secret hidden in a value, and where such a value may appear. */
interface Shape {
  name: string;
  where: readonly Where[];
  value: (m: string) => string;
}

const ANY: readonly Where[] = ["env", "field", "args", "annotation"];
const TOKEN_PLACES: readonly Where[] = ["env", "args", "annotation"];

const SHAPES: readonly Shape[] = [
  {
    name: "URL with user",
    where: ANY,
    value: (m) => `postgres://app:${m}@db.ns.svc:5432/app?sslmode=require`,
  },
  { name: "URL with empty user", where: ANY, value: (m) => `redis://:${m}@redis:6379/0` },
  { name: "mongodb+srv URL", where: ANY, value: (m) => `mongodb+srv://admin:${m}@cluster0.example.net/db` },
  {
    name: "JDBC password",
    where: ANY,
    value: (m) => `jdbc:mysql://db:3306/app?user=app&password=${m}&useSSL=true`,
  },
  {
    name: "JDBC properties",
    where: ANY,
    value: (m) => `jdbc:sqlserver://db:1433;databaseName=app;password=${m};`,
  },
  { name: "URL token", where: ANY, value: (m) => `https://api.example.com/hook?api_key=${m}` },
  { name: "Go DSN", where: ANY, value: (m) => `app:${m}@tcp(mysql:3306)/app?parseTime=true` },
  { name: "Oracle thin", where: ANY, value: (m) => `jdbc:oracle:thin:scott/${m}@db:1521/orcl` },
  {
    name: "ADO",
    where: ANY,
    value: (m) => `Server=tcp:sql,1433;Initial Catalog=app;User Id=app;Password=${m};`,
  },
  { name: "ODBC Pwd", where: ANY, value: (m) => `Driver={ODBC Driver 18};Server=db;Uid=sa;Pwd=${m};` },
  {
    name: "Azure storage",
    where: ANY,
    value: (m) => `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${m}==;`,
  },
  {
    name: "Service Bus",
    where: ANY,
    value: (m) => `Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=${m}`,
  },
  { name: "libpq DSN", where: ANY, value: (m) => `host=db port=5432 user=app password=${m} dbname=app` },
  { name: "flag", where: ANY, value: (m) => `--db-password=${m}` },
  { name: "token flag", where: ANY, value: (m) => `--auth-token=${m}` },
  {
    name: "shell line",
    where: ANY,
    value: (m) => `exec /app --log-level=debug --client-secret ${m} --port 8080`,
  },
  { name: "JVM property", where: ANY, value: (m) => `-Xmx2g -Djavax.net.ssl.keyStorePassword=${m} -Dx=y` },
  {
    name: "PEM private key",
    where: ANY,
    value: (m) => `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE${m}\n-----END EC PRIVATE KEY-----\n`,
  },
  {
    name: "base64 PEM private key",
    where: ANY,
    value: (m) =>
      Buffer.from(`-----BEGIN PRIVATE KEY-----\nMIIEv${m}\n-----END PRIVATE KEY-----\n`).toString("base64"),
  },
  { name: "JWT", where: TOKEN_PLACES, value: (m) => `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOi${m}J9.c2ln${m}` },
  { name: "GitHub token", where: TOKEN_PLACES, value: (m) => `ghp_${m}${m}` },
  { name: "Slack token", where: TOKEN_PLACES, value: (m) => `xoxb-2211-${m}` },
  { name: "AWS key", where: TOKEN_PLACES, value: (m) => `AKIA${m.slice(2).toUpperCase()}AB` },
  { name: "bare token", where: ["annotation"], value: (m) => `${m}Zq81Xw4Lr2Tb7Yn` },
];

const KINDS = [
  ["v1", "Pod"],
  ["v1", "PodTemplate"],
  ["apps/v1", "Deployment"],
  ["batch/v1", "CronJob"],
  ["argoproj.io/v1alpha1", "Workflow"],
  ["tekton.dev/v1", "Task"],
  ["example.com/v1", "Widget"],
  ["acme.io/v2beta1", "DatabaseCluster"],
  ["v1", "Service"],
] as const;
const KEYS = ["spec", "template", "steps", "templates", "container", "jobs", "config", "runner", "x"];

interface Hide {
  shape: number;
  where: number;
  path: (string | number)[];
  secretName: boolean;
}

const hideArb = fc.record({
  shape: fc.nat(SHAPES.length - 1),
  where: fc.nat(3),
  path: fc.array(fc.oneof(fc.constantFrom(...KEYS), fc.nat(2)), { maxLength: 5 }),
  secretName: fc.boolean(),
});

/** Puts `leaf` at `path` inside `root` (numbers make one-element arrays), creating what is missing. */
function place(
  root: Record<string, unknown>,
  path: (string | number)[],
  leaf: Record<string, unknown>,
): void {
  let cur: Record<string, unknown> = root;
  for (const step of path) {
    const key = typeof step === "number" ? `list${step}` : step;
    const next = cur[key];
    if (typeof step === "number") {
      const item: Record<string, unknown> = {};
      cur[key] = Array.isArray(next) ? [...(next as unknown[]), item] : [item];
      cur = item;
    } else {
      if (typeof next !== "object" || next === null || Array.isArray(next)) cur[key] = {};
      cur = cur[key] as Record<string, unknown>;
    }
  }
  for (const [k, v] of Object.entries(leaf)) {
    const prev = cur[k];
    cur[k] = Array.isArray(prev) && Array.isArray(v) ? [...(prev as unknown[]), ...(v as unknown[])] : v;
  }
}

/**
 * The object, and what must not be stored: each marker, or the whole hidden value when the marker is
 * encoded inside it (base64, upper case).
 */
function buildObject(
  seed: number,
  kindIndex: number,
  hides: Hide[],
  markers: string[],
): { obj: Record<string, unknown>; needles: string[] } {
  const needles: string[] = [];
  const [apiVersion, kind] = KINDS[kindIndex % KINDS.length] ?? KINDS[0];
  const metadata: Record<string, unknown> = {
    name: `obj-${seed}`,
    namespace: "ns",
    labels: { app: "web", probe: markers[markers.length - 1] },
    annotations: {},
  };
  const obj: Record<string, unknown> = { apiVersion, kind, metadata };
  hides.forEach((h, i) => {
    const shape = SHAPES[h.shape] ?? SHAPES[0];
    const m = markers[i] ?? "";
    const value = shape?.value(m) ?? "";
    const where = shape?.where[h.where % shape.where.length] ?? "field";
    needles.push(value.includes(m) ? m : value);
    if (where === "annotation") {
      (metadata.annotations as Record<string, string>)[`example.com/note-${i}`] = value;
    } else if (where === "env") {
      place(obj, h.path, {
        env: [
          { name: `SETTING_${i}_URL`, value },
          { name: "LOG_LEVEL", value: "debug" },
        ],
      });
    } else if (where === "args") {
      place(obj, h.path, { args: ["--log-level=debug", value] });
    } else {
      place(obj, h.path, { [`value${i}`]: value });
    }
    // The same marker as a bare literal behind a secret-looking name, or as a `--password`, value pair.
    if (h.secretName) place(obj, h.path, { env: [{ name: `DB_PASSWORD_${i}`, value: `${m}-plain` }] });
    else place(obj, h.path, { command: ["/app", "--password", `${m}-arg`] });
    needles.push(h.secretName ? `${m}-plain` : `${m}-arg`);
  });
  return { obj, needles };
}

function secret(m: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db-credentials", namespace: "ns" },
    data: { password: Buffer.from(`${m}-data`).toString("base64") },
    stringData: { token: `${m}-string` },
  };
}

function nestInLists(items: unknown[], depth: number): unknown {
  let out: unknown = { apiVersion: "v1", kind: "List", items };
  for (let d = 1; d < depth; d++) out = { apiVersion: "v1", kind: "List", items: [out] };
  return out;
}

/** What the server stores for these objects, decompressed again for searching. */
function stored(objects: unknown): string {
  return gunzipSync(gzipSync(Buffer.from(JSON.stringify(objects)))).toString("utf8");
}

describe("redaction by shape (property)", () => {
  it("never stores a hidden credential, keeps a label value", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(KINDS.length - 1),
        fc.array(hideArb, { minLength: 1, maxLength: 5 }),
        fc.nat(8),
        fc.boolean(),
        fc.constantFrom("json", "yaml-ish json lines"),
        (seed, kindIndex, hides, depth, embedSecret, format) => {
          const markers = [...hides.map((_, i) => marker(seed, i)), marker(seed, 99), marker(seed, 100)];
          const labelMarker = markers[markers.length - 1] ?? "";
          const secretMarker = markers[markers.length - 2] ?? "";
          const { obj, needles } = buildObject(
            seed,
            kindIndex,
            hides,
            markers.slice(0, hides.length).concat(labelMarker),
          );
          // A Secret beside the object in the same (nested) List, or embedded inside it.
          if (embedSecret) place(obj, ["spec", "objects", 0], { secret: secret(secretMarker) });
          const items: unknown[] = embedSecret ? [obj] : [obj, secret(secretMarker)];
          const doc = depth === 0 ? items : nestInLists(items, depth);
          const text =
            format === "json" || !Array.isArray(doc)
              ? JSON.stringify(doc)
              : doc.map((d) => JSON.stringify(d)).join("\n");
          const loaded = loadSnapshot([{ name: "prop.json", data: enc(text) }]);
          const out = stored(loaded.objects);
          const all = JSON.stringify(loaded);
          for (const needle of [
            ...needles,
            secretMarker,
            Buffer.from(`${secretMarker}-data`).toString("base64"),
          ]) {
            expect(out, `${needle} stored`).not.toContain(needle);
            expect(all).not.toContain(needle);
          }
          expect(out).toContain(labelMarker);
        },
      ),
      { numRuns: 400 },
    );
  });
});
