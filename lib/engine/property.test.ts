import fc from "fast-check";
import { zipSync } from "fflate";
import { createTar } from "nanotar";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { analyze, loadSnapshot, SnapshotError } from "./index";
import { HAS_CORPUS, listCorpusFiles } from "./testing";
import { readFileSync } from "node:fs";

const enc = (s: string) => new TextEncoder().encode(s);

/** Slowest single input seen by the fuzzers, printed at the end (no timed assertion: machines differ). */
let slowest = { ms: 0, what: "" };

function loadOrSnapshotError(data: Uint8Array, name = "fuzz", maxBytes = 1_000_000): void {
  const started = performance.now();
  try {
    const snapshot = loadSnapshot([{ name, data }], { maxBytes });
    const analysis = analyze(snapshot);
    expect(analysis.results.filter((r) => r.status === "error")).toEqual([]);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
  } finally {
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, what: `${name} (${data.length} bytes)` };
  }
}

const SEED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels: { app: web }
  annotations: { kubeready.io/exempt: "single-replica" }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env: [{ name: API_TOKEN, value: abc }]
          resources: { limits: { memory: 1Gi } }
          args: ["-Xmx512m"]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web } }
---
apiVersion: v1
kind: Secret
metadata: { name: tls, namespace: shop }
data: { tls.crt: bm90IGEgY2VydA== }
`;

/** Arbitrary JSON-ish values in the places checks read, to shake out unchecked assumptions. */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), {
    maxKeys: 3,
  }),
);

describe("robustness", () => {
  it("loadSnapshot throws nothing but SnapshotError on random bytes and text", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map(enc)),
        (data) => {
          loadOrSnapshotError(data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("survives byte-level mutations of a real manifest, plain and gzipped", () => {
    const seed = enc(SEED);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(seed.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (edits, gz) => {
          const data = Uint8Array.from(seed);
          for (const [i, b] of edits) data[i] = b;
          loadOrSnapshotError(gz ? gzipSync(data) : data);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("analyze never throws or errors on structurally wrong objects", () => {
    const kinds = [
      "Pod",
      "Deployment",
      "StatefulSet",
      "CronJob",
      "Job",
      "Service",
      "Ingress",
      "Node",
      "Secret",
      "HorizontalPodAutoscaler",
      "PodDisruptionBudget",
      "NetworkPolicy",
      "ClusterRole",
      "RoleBinding",
      "ConfigMap",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.record({ spec: anyValue, status: anyValue, data: anyValue, rules: anyValue, subjects: anyValue }),
        fc.record({
          template: anyValue,
          containers: anyValue,
          selector: anyValue,
          jobTemplate: anyValue,
          tls: anyValue,
        }),
        (kind, top, spec) => {
          const obj = {
            apiVersion: "v1",
            kind,
            metadata: { name: "x", namespace: "n" },
            ...top,
            spec: { ...spec },
          };
          loadOrSnapshotError(
            enc(JSON.stringify({ apiVersion: "v1", kind: "List", items: [obj, { ...obj, spec: top.spec }] })),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it.skipIf(!HAS_CORPUS)("survives truncation of every corpus file", () => {
    for (const file of listCorpusFiles().slice(0, 120)) {
      const data = readFileSync(file);
      for (const cut of [1, 7, Math.floor(data.length / 3), Math.floor(data.length / 2), data.length - 1]) {
        loadOrSnapshotError(data.subarray(0, Math.max(0, cut)));
      }
    }
  });
});

describe("robustness: nesting, huge values, wrong types, archives", () => {
  afterAll(() => {
    console.log(`slowest fuzz input: ${slowest.ms.toFixed(0)} ms for ${slowest.what}`);
  });

  it("rejects or tolerates deep nesting in JSON, YAML flow and block style", () => {
    for (const depth of [50, 99, 100, 101, 5_000, 50_000]) {
      loadOrSnapshotError(
        enc(
          `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":${"[".repeat(depth)}${"]".repeat(depth)}}`,
        ),
      );
      loadOrSnapshotError(
        enc(
          `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: ${"[".repeat(depth)}${"]".repeat(depth)}\n`,
        ),
      );
      let block = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n";
      for (let i = 1; i < Math.min(depth, 2_000); i++) block += `${" ".repeat(i * 2)}k:\n`;
      loadOrSnapshotError(enc(block), "block.yaml", 50_000_000);
    }
  });

  it("handles huge strings in names, images, env values, annotations and certificates", () => {
    const huge = "x".repeat(2_000_000);
    const obj = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: huge.slice(0, 100_000), namespace: "n", annotations: { a: huge } },
      spec: {
        template: {
          metadata: { labels: { app: huge.slice(0, 10_000) } },
          spec: {
            containers: [
              {
                name: "c",
                image: `${huge}:latest`,
                args: [`-Xmx${"9".repeat(400)}g`, `-XX:MaxRAMPercentage=${"9".repeat(400)}`],
                env: [{ name: "JAVA_OPTS", value: `-Xmx${huge}` }],
              },
            ],
          },
        },
      },
    };
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { "tls.crt": huge } };
    loadOrSnapshotError(
      enc(JSON.stringify({ kind: "List", apiVersion: "v1", items: [obj, secret] })),
      "huge",
      20_000_000,
    );
  });

  it("analyze never throws on wrong types inside containers and pod specs", () => {
    const containerFields = fc.record(
      {
        name: anyValue,
        image: anyValue,
        args: anyValue,
        command: anyValue,
        env: fc.oneof(
          anyValue,
          fc.array(fc.record({ name: anyValue, value: anyValue, valueFrom: anyValue }), { maxLength: 3 }),
        ),
        envFrom: anyValue,
        ports: fc.oneof(
          anyValue,
          fc.array(fc.record({ containerPort: anyValue, hostPort: anyValue, name: anyValue }), {
            maxLength: 3,
          }),
        ),
        resources: fc.oneof(anyValue, fc.record({ limits: anyValue, requests: anyValue })),
        securityContext: anyValue,
        livenessProbe: anyValue,
        readinessProbe: anyValue,
        startupProbe: anyValue,
        lifecycle: anyValue,
        volumeMounts: anyValue,
      },
      { requiredKeys: [] },
    );
    const podFields = fc.record(
      {
        volumes: anyValue,
        securityContext: anyValue,
        affinity: anyValue,
        topologySpreadConstraints: anyValue,
        tolerations: anyValue,
        nodeSelector: anyValue,
        dnsConfig: anyValue,
        terminationGracePeriodSeconds: anyValue,
        serviceAccountName: anyValue,
        priorityClassName: anyValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom("Deployment", "StatefulSet", "DaemonSet", "Pod", "CronJob"),
        fc.array(containerFields, { maxLength: 3 }),
        podFields,
        anyValue,
        (kind, containers, pod, replicas) => {
          const podSpec = { ...pod, containers };
          const spec =
            kind === "Pod"
              ? podSpec
              : kind === "CronJob"
                ? { jobTemplate: { spec: { template: { spec: podSpec } } } }
                : {
                    replicas,
                    selector: { matchLabels: { app: "a" } },
                    template: { metadata: { labels: { app: "a" } }, spec: podSpec },
                  };
          const items = [
            { apiVersion: "v1", kind, metadata: { name: "w", namespace: "n" }, spec },
            {
              apiVersion: "v1",
              kind: "Service",
              metadata: { name: "s", namespace: "n" },
              spec: { selector: { app: "a" }, ports: containers },
            },
            {
              apiVersion: "v1",
              kind: "Node",
              metadata: { name: "n1", labels: { "topology.kubernetes.io/zone": "z" } },
              status: pod,
            },
          ];
          loadOrSnapshotError(enc(JSON.stringify({ apiVersion: "v1", kind: "List", items })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("survives mutated and truncated .zip, .tar, .tar.gz and JSON Lines input", () => {
    const files = {
      "a/one.yaml": enc(SEED),
      "b/two.json": enc(JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } })),
    };
    const zip = zipSync(files);
    const tar = createTar(Object.entries(files).map(([name, data]) => ({ name, data })));
    const jsonl = enc(
      `${JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } })}\n`.repeat(5),
    );
    const seeds: [string, Uint8Array][] = [
      ["x.zip", zip],
      ["x.tar", tar],
      ["x.tgz", gzipSync(tar)],
      ["x.jsonl", jsonl],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.option(fc.nat(), { nil: undefined }),
        ([name, seed], edits, cut) => {
          const data = Uint8Array.from(seed);
          for (const [i, b] of edits) data[i % data.length] = b;
          loadOrSnapshotError(cut === undefined ? data : data.subarray(0, cut % data.length), name);
        },
      ),
      { numRuns: 400 },
    );
  });
});
