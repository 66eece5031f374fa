// Snapshots: what workers made of uploads (only redacted objects are ever stored), listed, deleted
// and re-analysed when the engine or the exemptions change.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { ENGINE_VERSION } from "@/lib/engine";
import type { CertificateFact, ClusterFacts, K8sObject } from "@/lib/engine/types";
import type { StorableUpload, StoredAnalysis, StoredFinding } from "@/lib/engine/worker/analysis-task";
import { actingUser, authorizeAssessment, type AssessmentGrant } from "./access";
import { reanalyseSnapshot } from "./analysis-pool";
import { recordAudit } from "./audit";
import type { DriverQuery } from "@/lib/db/client";
import { db, dbDriver } from "./db";
import type { CheckParams } from "@/lib/engine/checks/types";
import { assessmentCheckParams } from "./checklists";
import { activeExemptionRules } from "./exemptions";
import { enqueueJob } from "./jobs";
import { unpackObjects } from "./objects-store";

export interface UploadFile {
  name: string;
  data: Uint8Array;
}

export interface UploadMeta {
  name: string;
  sizeBytes: number;
}

/** What we keep of an analysis: per-check summaries, score and findings (passing results are recomputable). */
export type { StoredAnalysis };

const snapshotSelect = {
  id: true,
  filename: true,
  name: true,
  baseline: true,
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

/**
 * Stores what an analysis process made of an upload: redacted objects (gzipped), facts and the analysis.
 * Through the driver rather than Prisma: the blobs and JSON (tens of MB for a big cluster) go to the
 * database as they came from the analysis process, without being re-encoded on the event loop.
 */
export async function storeAnalysedSnapshot(
  grant: AssessmentGrant,
  files: UploadMeta[],
  out: StorableUpload,
) {
  const user = actingUser(grant.principal);
  const id = randomUUID();
  // Timestamps as Prisma writes them: the app's clock, in UTC, in a column without a zone.
  const now = new Date().toISOString();
  const { transaction } = await dbDriver();
  await transaction(async (query) => {
    await query(
      `INSERT INTO "Snapshot" ("id", "assessmentId", "uploadedById", "filename", "format", "sizeBytes",
         "objectCount", "countsByKind", "facts", "warnings", "redactions", "certificates", "analysis",
         "score", "createdAt", "updatedAt")
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb,
         $10::text::jsonb, $11::text::jsonb, $12::text::jsonb, $13::text::jsonb, $14, $15::timestamp(3),
         $15::timestamp(3))`,
      [
        id,
        grant.id,
        user.id,
        files
          .map((f) => f.name)
          .join(", ")
          .slice(0, 500),
        out.formats.join(", "),
        files.reduce((n, f) => n + f.sizeBytes, 0),
        out.objectCount,
        out.json.countsByKind,
        out.json.facts,
        out.json.warnings,
        out.json.redactions,
        out.json.certificates,
        out.json.analysis,
        out.score,
        now,
      ],
    );
    await insertBlob(query, id, "objects", out.objectsGz);
    await insertBlob(query, id, "findings", out.findingsGz);
  });
  return (await db()).snapshot.findUniqueOrThrow({ where: { id }, select: snapshotSelect });
}

type BlobPart = "objects" | "findings";

/** A blob's pieces (see SnapshotBlob), one statement each. */
async function insertBlob(query: DriverQuery, snapshotId: string, part: BlobPart, pieces: Uint8Array[]) {
  for (const [seq, bytes] of pieces.entries()) {
    await query(
      `INSERT INTO "SnapshotBlob" ("snapshotId", "part", "seq", "bytes") VALUES ($1::uuid, $2, $3, $4::bytea)`,
      [snapshotId, part, seq, asBuffer(bytes)],
    );
  }
}

/** A Buffer over the same bytes (pg sends Buffers as binary parameters). */
const asBuffer = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

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
    select: {
      assessmentId: true,
      filename: true,
      objectCount: true,
      assessment: { select: { name: true } },
    },
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
      summary: `Deleted snapshot ${row.filename} (${row.objectCount} objects) of assessment “${row.assessment.name}”`,
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

/** One snapshot of an assessment the caller was granted, as latestSnapshot gives it. */
export async function snapshotOf(grant: AssessmentGrant, id: string) {
  const row = await (
    await db()
  ).snapshot.findFirst({
    where: { id, assessmentId: grant.id },
    select: { ...snapshotSelect, analysis: true, certificates: true },
  });
  if (!row) throw notFound("Snapshot");
  return row;
}

/**
 * Every affected object of every finding of a snapshot (the stored analysis keeps only the first few);
 * null for snapshots stored before findings were kept whole.
 */
export async function readFullFindings(grant: AssessmentGrant, id: string): Promise<StoredFinding[] | null> {
  const owned = await (
    await db()
  ).snapshot.findFirst({ where: { id, assessmentId: grant.id }, select: { id: true } });
  if (!owned) throw notFound("Snapshot");
  const gz = await readBlob(id, "findings");
  return gz ? unpackObjects<StoredFinding>(gz) : null;
}

/** The stored (redacted) objects of a snapshot of an assessment the caller was granted. */
export async function readSnapshotObjects(grant: AssessmentGrant, id: string): Promise<K8sObject[]> {
  return unpackObjects(await readSnapshotObjectsGz(grant, id));
}

/** A snapshot's stored objects as stored: gzipped JSON (lib/engine/snapshot/stored-objects.ts). */
export async function readSnapshotObjectsGz(grant: AssessmentGrant, id: string): Promise<Buffer> {
  const owned = await (
    await db()
  ).snapshot.findFirst({ where: { id, assessmentId: grant.id }, select: { id: true } });
  const gz = owned && (await readBlob(id, "objects"));
  if (!gz) throw notFound("Snapshot");
  return gz;
}

/** One of a snapshot's blobs, its pieces put together; null when it has none (no such snapshot). */
async function readBlob(id: string, part: BlobPart): Promise<Buffer | null> {
  const { query } = await dbDriver();
  const rows = await query<{ bytes: Uint8Array }>(
    `SELECT "bytes" FROM "SnapshotBlob" WHERE "snapshotId" = $1::uuid AND "part" = $2 ORDER BY "seq"`,
    [id, part],
  );
  return rows.length ? Buffer.concat(rows.map((r) => r.bytes)) : null;
}

/**
 * The snapshot's analysis and whether it is current: made with this engine version under the
 * exemptions active now and the check parameters of the assessment's checklist. When it is not, a background job re-analyses the stored objects (an
 * exemption expiring or being revoked re-opens findings; a newer engine may judge differently) and
 * the stored one is shown meanwhile, marked as being refreshed.
 */
/**
 * What an analysis was made under: the active exemptions and the check parameters of the assessment's
 * checklist. Without parameters it is the exemptions' own fingerprint, so that analyses made before
 * parameters existed (and uploads, which run with the defaults) stay current until a checklist sets some.
 */
export function settingsFingerprint(exemptionsFingerprint: string, params: CheckParams): string {
  if (Object.keys(params).length === 0) return exemptionsFingerprint;
  return createHash("sha256")
    .update(exemptionsFingerprint)
    .update(JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))))
    .digest("hex");
}

/** The exemptions and parameters an assessment's snapshots are analysed with, and their fingerprint. */
export async function analysisSettings(assessmentId: string) {
  const [{ rules, fingerprint }, params] = await Promise.all([
    activeExemptionRules(),
    assessmentCheckParams(assessmentId),
  ]);
  return { rules, params, fingerprint: settingsFingerprint(fingerprint, params) };
}

export async function currentAnalysis(
  grant: AssessmentGrant,
  snapshot: { id: string; analysis: unknown },
): Promise<{ analysis: StoredAnalysis; refreshing: boolean }> {
  const stored = snapshot.analysis as StoredAnalysis;
  const { fingerprint } = await analysisSettings(grant.id);
  if (stored.exemptionsFingerprint === fingerprint && stored.engineVersion === ENGINE_VERSION) {
    return { analysis: stored, refreshing: false };
  }
  await enqueueJob({
    kind: "reanalyse",
    userId: null,
    assessmentId: grant.id,
    payload: { snapshotId: snapshot.id },
    dedupeKey: `reanalyse:${snapshot.id}:${fingerprint}:${ENGINE_VERSION}`,
  });
  return { analysis: stored, refreshing: true };
}

/** Re-analyses one stored snapshot in a worker thread and keeps the result (a "reanalyse" job). */
export async function reanalyseStoredSnapshot(
  snapshotId: string,
  onProgress: (stage: string, done: number, total: number) => void,
): Promise<{ assessmentId: string } | null> {
  const { query, transaction } = await dbDriver();
  // What it was made under, without reading the stored analysis itself (megabytes for a big cluster).
  const [row] = await query<{
    assessmentId: string;
    facts: ClusterFacts;
    certificates: CertificateFact[];
    fingerprint: string | null;
    engineVersion: string | null;
  }>(
    `SELECT "assessmentId", "facts", "certificates", "analysis"->>'exemptionsFingerprint' AS "fingerprint",
       "analysis"->>'engineVersion' AS "engineVersion"
     FROM "Snapshot" WHERE "id" = $1::uuid`,
    [snapshotId],
  );
  if (!row) return null;
  const { rules, params, fingerprint } = await analysisSettings(row.assessmentId);
  if (row.fingerprint === fingerprint && row.engineVersion === ENGINE_VERSION) {
    return { assessmentId: row.assessmentId };
  }
  const objectsGz = await readBlob(snapshotId, "objects");
  if (!objectsGz) return null;
  const { analysis, findingsGz } = await reanalyseSnapshot(
    {
      kind: "reanalyse",
      objectsGz,
      facts: row.facts,
      certificates: row.certificates,
      exemptions: rules,
      exemptionsFingerprint: fingerprint,
      params,
    },
    (p) => onProgress(p.stage, p.done, p.total),
  );
  await transaction(async (tx) => {
    await tx(
      `UPDATE "Snapshot" SET "analysis" = $2::text::jsonb, "score" = $3, "updatedAt" = $4::timestamp(3)
       WHERE "id" = $1::uuid`,
      [snapshotId, JSON.stringify(analysis), analysis.score.score, new Date().toISOString()],
    );
    await tx(`DELETE FROM "SnapshotBlob" WHERE "snapshotId" = $1::uuid AND "part" = 'findings'`, [
      snapshotId,
    ]);
    await insertBlob(tx, snapshotId, "findings", findingsGz);
  });
  return { assessmentId: row.assessmentId };
}

export interface SnapshotChanges {
  /** A short name; null or "" goes back to showing the file name(s). */
  name?: string | null;
  /** Marks this snapshot as the assessment's baseline (unmarking the previous one), or unmarks it. */
  baseline?: boolean;
}

/** Renames a snapshot or marks it as the baseline (team members who may edit the assessment); audited. */
export async function updateSnapshot(p: Principal, id: string, changes: SnapshotChanges) {
  const prisma = await db();
  const row = await prisma.snapshot.findUnique({
    where: { id },
    select: { assessmentId: true, filename: true, name: true, baseline: true },
  });
  if (!row) throw notFound("Snapshot");
  await authorizeAssessment(p, row.assessmentId, "edit");
  const actor = actingUser(p);
  const name = changes.name === undefined ? undefined : changes.name?.trim() || null;
  return prisma.$transaction(async (tx) => {
    if (changes.baseline) {
      await tx.snapshot.updateMany({
        where: { assessmentId: row.assessmentId, baseline: true, id: { not: id } },
        data: { baseline: false },
      });
    }
    const updated = await tx.snapshot.update({
      where: { id },
      data: { name, baseline: changes.baseline },
      select: snapshotSelect,
    });
    const what = [
      name !== undefined && name !== row.name ? (name ? `renamed to "${name}"` : "name cleared") : null,
      changes.baseline !== undefined && changes.baseline !== row.baseline
        ? changes.baseline
          ? "marked as baseline"
          : "no longer the baseline"
        : null,
    ].filter(Boolean);
    if (what.length > 0) {
      await recordAudit(tx, {
        actorId: actor.id,
        action: "snapshot.update",
        entityType: "snapshot",
        entityId: id,
        summary: `Snapshot ${row.name ?? row.filename} ${what.join(", ")}`,
        before: { name: row.name, baseline: row.baseline },
        after: { name: updated.name, baseline: updated.baseline },
      });
    }
    return updated;
  });
}
