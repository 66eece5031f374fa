// What a worker thread does for one snapshot: parse and redact an upload (or take stored objects back),
// run every check, and gzip the redacted objects for storage. Pure engine plus node:zlib, so it runs
// in a worker thread (lib/server/analysis-pool.ts), in tests and in the CLI alike. Progress goes to
// `port` as { stage, done, total } messages; results come back as plain data (never a class instance:
// errors cross the thread boundary as { ok: false, … }).
import type { MessagePort } from "node:worker_threads";
import { analyze } from "../analyze";
import type { CheckParams } from "../checks/types";
import { ENGINE_VERSION } from "../engine-version";
import { SIZE_ERROR_CODES, SnapshotError, type SnapshotErrorCode } from "../snapshot/errors";
import { loadSnapshot } from "../snapshot/load";
import { AFFECTED_KEPT, firstAffected, type ListedFinding } from "../score";
import { assertStorableAnalysis, gunzipObjects, gzipObjects } from "../snapshot/stored-objects";
import type { Analysis, CertificateFact, ClusterFacts, ExemptionRule, LoadedSnapshot } from "../types";

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

/** A finding as stored in the analysis: its first AFFECTED_KEPT affected objects, and how many there are. */
export type StoredFinding = ListedFinding;

/**
 * The analysis as the database keeps it for pages and scoring: every summary, with each finding's
 * affected objects cut to the first AFFECTED_KEPT. The whole lists (hundreds of thousands of entries
 * on a big cluster) are stored beside it, gzipped (`findingsGz`), for exports.
 */
export type StoredAnalysis = Omit<Analysis, "results" | "findings"> & {
  findings: StoredFinding[];
  exemptionsFingerprint?: string;
  engineVersion?: string;
};

export { AFFECTED_KEPT };

/** The full analysis as a compact stored one plus its gzipped findings (built without a giant string). */
export async function packAnalysis(
  analysis: Omit<Analysis, "results">,
  extra: { exemptionsFingerprint: string; engineVersion: string },
): Promise<{ analysis: StoredAnalysis; findingsGz: Uint8Array }> {
  assertStorableAnalysis(analysis);
  const findingsGz = await gzipObjects(analysis.findings);
  const findings = firstAffected(analysis.findings, AFFECTED_KEPT);
  return { analysis: { ...analysis, findings, ...extra }, findingsGz };
}

interface Common {
  exemptions: readonly ExemptionRule[];
  /** Identifies the exemptions and check parameters the analysis ran with (see settingsFingerprint). */
  exemptionsFingerprint: string;
  /** Check parameters (from the assessment's checklist); unset: every check's defaults. */
  params?: CheckParams;
  port?: MessagePort;
}

export interface UploadTask extends Common {
  kind: "upload";
  files: { name: string; data: Uint8Array }[];
  maxBytes: number;
  maxObjects?: number;
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
  findingsGz: Uint8Array;
}

/**
 * An upload's output as the database stores it: the JSON columns already encoded, the blobs as they
 * are, and the few fields the server reads itself. The analysis process sends this rather than the
 * object graph, so the server's event loop neither rebuilds megabytes of objects from the message nor
 * encodes them again (one copy of each string, then straight to the driver).
 */
export interface StorableUpload {
  ok: true;
  /** The gzipped objects and findings in pieces of BLOB_PIECE_BYTES, as they are stored (SnapshotBlob). */
  objectsGz: Uint8Array[];
  findingsGz: Uint8Array[];
  objectCount: number;
  formats: string[];
  score: number | null;
  warnings: LoadedSnapshot["warnings"];
  json: Record<"countsByKind" | "facts" | "warnings" | "redactions" | "certificates" | "analysis", string>;
}

/** Bytes per stored piece of a blob: a statement, and a message to the server, never carries more. */
export const BLOB_PIECE_BYTES = 1024 * 1024;

/** Views of `bytes` in pieces of at most `size` bytes (one empty piece for no bytes). */
export function inPieces(bytes: Uint8Array, size = BLOB_PIECE_BYTES): Uint8Array[] {
  const pieces = [];
  for (let at = 0; at < bytes.byteLength || pieces.length === 0; at += size) {
    pieces.push(bytes.subarray(at, at + size));
  }
  return pieces;
}

export function storable(out: UploadOutput): StorableUpload {
  return {
    ok: true,
    objectsGz: inPieces(out.objectsGz),
    findingsGz: inPieces(out.findingsGz),
    objectCount: out.objectCount,
    formats: out.formats,
    score: out.analysis.score.score,
    warnings: out.warnings,
    json: {
      countsByKind: JSON.stringify(out.countsByKind),
      facts: JSON.stringify(out.facts),
      warnings: JSON.stringify(out.warnings),
      redactions: JSON.stringify(out.redactions),
      certificates: JSON.stringify(out.certificates),
      analysis: JSON.stringify(out.analysis),
    },
  };
}

export interface TaskFailure {
  ok: false;
  code: SnapshotErrorCode;
  tooLarge: boolean;
  message: string;
  location: SnapshotError["location"];
}

const report = (port: MessagePort | undefined, p: Progress) => port?.postMessage(p);

function analyse(input: Parameters<typeof analyze>[0], task: Common) {
  const { results: _results, ...analysis } = analyze(input, {
    exemptions: task.exemptions,
    ...(task.params ? { params: task.params } : {}),
    results: "notable",
    onCheck: (done, total) => report(task.port, { stage: "checks", done, total }),
  });
  return packAnalysis(analysis, {
    exemptionsFingerprint: task.exemptionsFingerprint,
    engineVersion: ENGINE_VERSION,
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
    loaded = loadSnapshot(task.files, { maxBytes: task.maxBytes, maxObjects: task.maxObjects });
  } catch (err) {
    return failure(err);
  }
  report(task.port, { stage: "parsing", done: task.files.length, total: task.files.length });
  let objectsGz: Uint8Array;
  let packed: Awaited<ReturnType<typeof analyse>>;
  try {
    packed = await analyse(loaded, task);
    report(task.port, { stage: "compressing", done: 0, total: loaded.objects.length });
    objectsGz = await gzipObjects(loaded.objects);
  } catch (err) {
    return failure(err);
  }
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
    analysis: packed.analysis,
    findingsGz: packed.findingsGz,
  };
}

export async function runReanalyse(
  task: ReanalyseTask,
): Promise<{ analysis: StoredAnalysis; findingsGz: Uint8Array }> {
  report(task.port, { stage: "reading", done: 0, total: 1 });
  const objects = await gunzipObjects(task.objectsGz);
  return analyse({ objects, facts: task.facts, certificates: task.certificates }, task);
}
