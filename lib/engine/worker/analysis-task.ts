// What a worker thread does for one snapshot: parse and redact an upload (or take stored objects back),
// run every check, and gzip the redacted objects for storage. Pure engine plus node:zlib, so it runs
// in a worker thread (lib/server/analysis-pool.ts), in tests and in the CLI alike. Progress goes to
// `port` as { stage, done, total } messages; results come back as plain data (never a class instance:
// errors cross the thread boundary as { ok: false, … }).
import type { MessagePort } from "node:worker_threads";
import { createGunzip, createGzip } from "node:zlib";
import { analyze } from "../analyze";
import { ENGINE_VERSION } from "../engine-version";
import { SIZE_ERROR_CODES, SnapshotError, type SnapshotErrorCode } from "../snapshot/errors";
import { loadSnapshot } from "../snapshot/load";
import type {
  Analysis,
  CertificateFact,
  ClusterFacts,
  ExemptionRule,
  K8sObject,
  LoadedSnapshot,
} from "../types";

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

export type StoredAnalysis = Omit<Analysis, "results"> & {
  exemptionsFingerprint?: string;
  engineVersion?: string;
};

interface Common {
  exemptions: readonly ExemptionRule[];
  exemptionsFingerprint: string;
  port?: MessagePort;
}

export interface UploadTask extends Common {
  kind: "upload";
  files: { name: string; data: Uint8Array }[];
  maxBytes: number;
}

export interface ReanalyseTask extends Common {
  kind: "reanalyse";
  objectsGz: Uint8Array;
  facts: ClusterFacts;
  certificates: CertificateFact[];
}

export interface UploadOutput {
  ok: true;
  objectsGz: Uint8Array;
  objectCount: number;
  countsByKind: Record<string, number>;
  facts: ClusterFacts;
  certificates: CertificateFact[];
  warnings: LoadedSnapshot["warnings"];
  redactions: LoadedSnapshot["redactions"];
  formats: string[];
  analysis: StoredAnalysis;
}

export interface TaskFailure {
  ok: false;
  code: SnapshotErrorCode;
  tooLarge: boolean;
  message: string;
  location: SnapshotError["location"];
}

const report = (port: MessagePort | undefined, p: Progress) => port?.postMessage(p);

function analyse(input: Parameters<typeof analyze>[0], task: Common): StoredAnalysis {
  const { results: _results, ...analysis } = analyze(input, {
    exemptions: task.exemptions,
    results: "notable",
    onCheck: (done, total) => report(task.port, { stage: "checks", done, total }),
  });
  return { ...analysis, exemptionsFingerprint: task.exemptionsFingerprint, engineVersion: ENGINE_VERSION };
}

/** The redacted objects as one gzipped JSON array, written object by object (no giant string). */
export function gzipObjects(objects: readonly K8sObject[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 6 });
    const chunks: Buffer[] = [];
    gzip.on("data", (c: Buffer) => chunks.push(c));
    gzip.on("error", reject);
    gzip.on("end", () => resolve(Buffer.concat(chunks)));
    gzip.write("[");
    for (let i = 0; i < objects.length; i++) gzip.write((i ? "," : "") + JSON.stringify(objects[i]));
    gzip.end("]");
  });
}

export function gunzipObjects(gz: Uint8Array): Promise<K8sObject[]> {
  return new Promise((resolve, reject) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    gunzip.on("data", (c: Buffer) => chunks.push(c));
    gunzip.on("error", reject);
    gunzip.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as K8sObject[]));
    gunzip.end(gz);
  });
}

function failure(err: unknown): TaskFailure {
  if (err instanceof SnapshotError) {
    return {
      ok: false,
      code: err.code,
      tooLarge: SIZE_ERROR_CODES.includes(err.code),
      message: err.describe(),
      location: err.location,
    };
  }
  throw err;
}

export async function runUpload(task: UploadTask): Promise<UploadOutput | TaskFailure> {
  report(task.port, { stage: "parsing", done: 0, total: task.files.length });
  let loaded: LoadedSnapshot;
  try {
    loaded = loadSnapshot(task.files, { maxBytes: task.maxBytes });
  } catch (err) {
    return failure(err);
  }
  report(task.port, { stage: "parsing", done: task.files.length, total: task.files.length });
  const analysis = analyse(loaded, task);
  report(task.port, { stage: "compressing", done: 0, total: loaded.objects.length });
  const objectsGz = await gzipObjects(loaded.objects);
  return {
    ok: true,
    objectsGz,
    objectCount: loaded.objects.length,
    countsByKind: loaded.facts.countsByKind,
    facts: loaded.facts,
    certificates: loaded.certificates,
    warnings: loaded.warnings,
    redactions: loaded.redactions,
    formats: [...new Set(loaded.sources.map((s) => s.format + (s.gzip ? "+gzip" : "")))],
    analysis,
  };
}

export async function runReanalyse(task: ReanalyseTask): Promise<StoredAnalysis> {
  report(task.port, { stage: "reading", done: 0, total: 1 });
  const objects = await gunzipObjects(task.objectsGz);
  return analyse({ objects, facts: task.facts, certificates: task.certificates }, task);
}
