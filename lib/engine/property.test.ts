import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot, SnapshotError } from "./index";
import { HAS_CORPUS, listCorpusFiles } from "./testing";
import { readFileSync } from "node:fs";

const enc = (s: string) => new TextEncoder().encode(s);

function loadOrSnapshotError(data: Uint8Array): void {
  try {
    const snapshot = loadSnapshot([{ name: "fuzz", data }], { maxBytes: 1_000_000 });
    const analysis = analyze(snapshot);
    expect(analysis.results.filter((r) => r.status === "error")).toEqual([]);
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
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
