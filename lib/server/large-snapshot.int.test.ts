// A 200,000-pod list (generated here, small pods) through the real upload path on PostgreSQL and PGlite:
// it is stored and read back whole, or refused with a 413/422 code — never a RangeError or a 500 — and
// the process stays within a bounded amount of memory. The measured figures are printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { env } from "@/lib/env";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { authorizeAssessment } from "./access";
import { closeAnalysisPool } from "./analysis-pool";
import { createAssessment } from "./assessments";
import { readSnapshotObjects } from "./snapshots";
import { uploadSnapshot } from "./uploads";

const PODS = 200_000;
const MB = 1024 * 1024;

function configMapList(count: number): Buffer {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      JSON.stringify({
        metadata: { name: `settings-${i}`, namespace: `ns-${i % 50}` },
        data: { LOG_LEVEL: "info", REGION: `region-${i % 9}` },
      }),
    );
  }
  return Buffer.from(`{"apiVersion":"v1","kind":"ConfigMapList","items":[${items.join(",")}]}`);
}

function podList(count: number): Buffer {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(
      JSON.stringify({
        metadata: { name: `web-${i}`, namespace: `ns-${i % 50}`, labels: { app: `app-${i % 500}` } },
        spec: { containers: [{ name: "web", image: `registry.example.com/web:${i % 7}` }] },
        status: { phase: "Running" },
      }),
    );
  }
  return Buffer.from(`{"apiVersion":"v1","kind":"PodList","items":[${items.join(",")}]}`);
}

/** Runs `fn` while sampling RSS; the peak is what a person watching the server would see. */
async function measured<T>(label: string, fn: () => Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = Date.now();
  const outcome: { value?: T; error?: unknown } = {};
  try {
    outcome.value = await fn();
  } catch (e) {
    outcome.error = e;
  } finally {
    clearInterval(timer);
  }
  const after = process.memoryUsage().rss;
  console.log(
    `[large-snapshot] ${label}: ${((Date.now() - started) / 1000).toFixed(1)} s, RSS ${(before / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} → ${(after / MB).toFixed(0)} MB`,
  );
  expect(peak - before).toBeLessThan(1536 * MB);
  return outcome;
}

const kinds = await availableKinds();

describe.each(kinds)("a 200,000-pod list on %s", (kind) => {
  let t: TestDatabase;
  let A: UserPrincipal;
  const data = podList(PODS);

  beforeAll(async () => {
    const { t: db, admin } = await setUpAppDatabase(kind);
    t = db;
    A = asUser(admin);
  });
  afterAll(async () => {
    await closeAnalysisPool();
    await t.drop();
  });

  it("is stored and read back whole, or refused with a 413/422 code", async () => {
    console.log(`[large-snapshot] ${kind}: ${PODS} pods, ${(data.length / MB).toFixed(1)} MB of JSON`);
    const a = await createAssessment(A, { name: "Big cluster" });
    const upload = await measured(`${kind} upload`, () =>
      uploadSnapshot(A, a.id, [{ name: "pods.json", data: new Uint8Array(data) }]),
    );
    if (upload.error !== undefined) {
      expect(upload.error).toBeInstanceOf(AppError);
      const err = upload.error as AppError;
      console.log(
        `[large-snapshot] ${kind}: refused ${err.code} ${String(err.extra.reason)}: ${err.message}`,
      );
      expect(["payload-too-large", "invalid-snapshot"]).toContain(err.code);
      return;
    }
    const { snapshot } = upload.value!;
    expect(snapshot.objectCount).toBe(PODS);
    const grant = await authorizeAssessment(A, a.id, "read");
    const read = await measured(`${kind} read back`, () => readSnapshotObjects(grant, snapshot.id));
    const objects = read.value!;
    expect(objects).toHaveLength(PODS);
    expect(objects[PODS - 1]?.metadata).toMatchObject({ name: `web-${PODS - 1}`, namespace: "ns-49" });
  });

  it("stores 200,000 objects that few checks flag and reads them back whole", async () => {
    const a = await createAssessment(A, { name: "Many settings" });
    const upload = await measured(`${kind} 200k ConfigMaps upload`, () =>
      uploadSnapshot(A, a.id, [{ name: "settings.json", data: new Uint8Array(configMapList(PODS)) }]),
    );
    expect(upload.error).toBeUndefined();
    const { snapshot } = upload.value!;
    expect(snapshot.objectCount).toBe(PODS);
    const grant = await authorizeAssessment(A, a.id, "read");
    const read = await measured(`${kind} 200k ConfigMaps read back`, () =>
      readSnapshotObjects(grant, snapshot.id),
    );
    expect(read.value).toHaveLength(PODS);
    expect(read.value![PODS - 1]).toMatchObject({
      kind: "ConfigMap",
      metadata: { name: `settings-${PODS - 1}` },
    });
  });

  it("refuses more objects than MAX_OBJECTS with 413 too-many-objects", async () => {
    const a = await createAssessment(A, { name: "Too many" });
    const saved = env.MAX_OBJECTS;
    env.MAX_OBJECTS = PODS - 1;
    try {
      const { error } = await measured(`${kind} over MAX_OBJECTS`, () =>
        uploadSnapshot(A, a.id, [{ name: "pods.json", data: new Uint8Array(data) }]),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "payload-too-large", extra: { reason: "too-many-objects" } });
    } finally {
      env.MAX_OBJECTS = saved;
    }
  });
});
