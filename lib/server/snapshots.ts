// Snapshot uploads: parse and redact with the engine, analyse, and store only redacted objects.
import "server-only";
import { gunzipSync, gzipSync } from "node:zlib";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { analyze, loadSnapshot, SIZE_ERROR_CODES, SnapshotError } from "@/lib/engine";
import type { Analysis, CertificateFact, ClusterFacts, K8sObject, LoadedSnapshot } from "@/lib/engine/types";
import { env } from "@/lib/env";
import { actingUser, authorizeAssessment, type AssessmentGrant } from "./access";
import { recordAudit } from "./audit";
import { db } from "./db";
import { activeExemptionRules } from "./exemptions";

export interface UploadFile {
  name: string;
  data: Uint8Array;
}

/** What we keep of an analysis: per-check summaries, score and findings (passing results are recomputable). */
export type StoredAnalysis = Omit<Analysis, "results"> & { exemptionsFingerprint?: string };

const snapshotSelect = {
  id: true,
  filename: true,
  format: true,
  sizeBytes: true,
  objectCount: true,
  countsByKind: true,
  facts: true,
  warnings: true,
  redactions: true,
  score: true,
  createdAt: true,
  uploadedBy: { select: { name: true } },
} as const;

function parseUpload(files: UploadFile[]): LoadedSnapshot {
  try {
    return loadSnapshot(files, { maxBytes: env.MAX_UPLOAD_MB * 1024 * 1024 });
  } catch (err) {
    if (err instanceof SnapshotError) {
      throw new AppError(
        SIZE_ERROR_CODES.includes(err.code) ? "payload-too-large" : "invalid-snapshot",
        err.describe(),
        { reason: err.code, location: err.location },
      );
    }
    throw err;
  }
}

/** Prisma's Json input type wants plain JSON; our engine output is JSON by construction. */
function toJson<T>(value: T): object {
  return JSON.parse(JSON.stringify(value)) as object;
}

/** Parses, redacts, analyses and stores an upload. Nothing is written when the input is rejected. */
export async function storeSnapshot(grant: AssessmentGrant, files: UploadFile[]) {
  const user = actingUser(grant.principal);
  const assessmentId = grant.id;
  const prisma = await db();
  if (files.length === 0) throw new AppError("bad-request", "No file in the upload.");

  const loaded = parseUpload(files);
  const { rules, fingerprint } = await activeExemptionRules();
  const { results: _results, ...analysis } = analyze(loaded, { exemptions: rules, results: "notable" });
  const stored: StoredAnalysis = { ...analysis, exemptionsFingerprint: fingerprint };
  const formats = [...new Set(loaded.sources.map((s) => s.format + (s.gzip ? "+gzip" : "")))];
  const snapshot = await prisma.snapshot.create({
    data: {
      assessmentId,
      uploadedById: user.id,
      filename: files
        .map((f) => f.name)
        .join(", ")
        .slice(0, 500),
      format: formats.join(", "),
      sizeBytes: files.reduce((n, f) => n + f.data.byteLength, 0),
      objectCount: loaded.objects.length,
      countsByKind: loaded.facts.countsByKind,
      facts: toJson(loaded.facts),
      warnings: toJson(loaded.warnings),
      redactions: toJson(loaded.redactions),
      certificates: toJson(loaded.certificates),
      objectsGz: gzipSync(JSON.stringify(loaded.objects)),
      analysis: toJson(stored),
      score: stored.score.score,
    },
    select: snapshotSelect,
  });
  return { snapshot, warnings: loaded.warnings };
}

export async function listSnapshots(p: Principal, assessmentId: string) {
  await authorizeAssessment(p, assessmentId, "read");
  const prisma = await db();
  return prisma.snapshot.findMany({
    where: { assessmentId },
    select: snapshotSelect,
    orderBy: { createdAt: "desc" },
  });
}

/** Deletes one snapshot (team members who may edit the assessment); audited. */
export async function deleteSnapshot(p: Principal, id: string): Promise<{ assessmentId: string }> {
  const prisma = await db();
  const row = await prisma.snapshot.findUnique({
    where: { id },
    select: { assessmentId: true, filename: true, objectCount: true },
  });
  if (!row) throw notFound("Snapshot");
  await authorizeAssessment(p, row.assessmentId, "edit");
  const actor = actingUser(p);
  await prisma.$transaction(async (tx) => {
    await tx.snapshot.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "snapshot.delete",
      entityType: "snapshot",
      entityId: id,
      summary: `Deleted snapshot ${row.filename} (${row.objectCount} objects) of assessment ${row.assessmentId}`,
      before: row,
    });
  });
  return { assessmentId: row.assessmentId };
}

export async function latestSnapshot(grant: AssessmentGrant) {
  return (await db()).snapshot.findFirst({
    where: { assessmentId: grant.id },
    orderBy: { createdAt: "desc" },
    select: { ...snapshotSelect, analysis: true, certificates: true },
  });
}

/** The stored (redacted) objects of a snapshot of an assessment the caller was granted. */
export async function readSnapshotObjects(grant: AssessmentGrant, id: string): Promise<K8sObject[]> {
  const owned = await (
    await db()
  ).snapshot.findFirst({ where: { id, assessmentId: grant.id }, select: { id: true } });
  if (!owned) throw notFound("Snapshot");
  return loadObjects(id);
}

async function loadObjects(id: string): Promise<K8sObject[]> {
  const row = await (await db()).snapshot.findUnique({ where: { id }, select: { objectsGz: true } });
  if (!row) throw notFound("Snapshot");
  return JSON.parse(gunzipSync(row.objectsGz).toString("utf8")) as K8sObject[];
}

// Re-analyses are cached per snapshot and exemption set; a handful of entries is plenty for one instance.
const cache = new Map<string, StoredAnalysis>();

/**
 * The snapshot's analysis under the exemptions active now: the stored one while they are unchanged,
 * otherwise recomputed from the stored objects (an exemption expiring or being revoked re-opens findings).
 */
export async function currentAnalysis(snapshot: {
  id: string;
  analysis: unknown;
  facts: unknown;
  certificates: unknown;
}): Promise<StoredAnalysis> {
  const stored = snapshot.analysis as StoredAnalysis;
  const { rules, fingerprint } = await activeExemptionRules();
  if (stored.exemptionsFingerprint === fingerprint) return stored;
  const key = `${snapshot.id}:${fingerprint}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const objects = await loadObjects(snapshot.id);
  const { results: _results, ...analysis } = analyze(
    {
      objects,
      facts: snapshot.facts as ClusterFacts,
      certificates: snapshot.certificates as CertificateFact[],
    },
    { exemptions: rules, results: "notable" },
  );
  const fresh = { ...analysis, exemptionsFingerprint: fingerprint };
  if (cache.size >= 8) cache.delete(cache.keys().next().value!);
  cache.set(key, fresh);
  return fresh;
}
