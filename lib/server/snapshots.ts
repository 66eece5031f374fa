// Snapshot uploads: parse and redact with the engine, analyse, and store only redacted objects.
import "server-only";
import { gunzipSync, gzipSync } from "node:zlib";
import { AppError, notFound } from "@/lib/api/errors";
import { analyze, loadSnapshot, SnapshotError } from "@/lib/engine";
import type { Analysis, LoadedSnapshot } from "@/lib/engine/types";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import { db } from "./db";
import { getAnswers, snapshotFactsForHeuristic } from "./assessments";
import type { SessionUser } from "./users";
import { env } from "@/lib/env";

export interface UploadFile {
  name: string;
  data: Uint8Array;
}

/** What we keep of an analysis: per-check summaries, score and findings (passing results are recomputable). */
export type StoredAnalysis = Omit<Analysis, "results">;

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
        err.code === "too-large" || err.code === "too-many-objects"
          ? "payload-too-large"
          : "invalid-snapshot",
        err.describe(),
        { reason: err.code, location: err.location },
      );
    }
    throw err;
  }
}

export async function uploadSnapshot(user: SessionUser, assessmentId: string, files: UploadFile[]) {
  const prisma = await db();
  const assessment = await prisma.assessment.findUnique({
    where: { id: assessmentId },
    select: { id: true },
  });
  if (!assessment) throw notFound("Assessment");
  if (files.length === 0) throw new AppError("bad-request", "No file in the upload.");

  const loaded = parseUpload(files);
  const { results: _results, ...analysis } = analyze(loaded);
  const stored: StoredAnalysis = analysis;
  const sizeBytes = files.reduce((n, f) => n + f.data.byteLength, 0);
  const formats = [...new Set(loaded.sources.map((s) => s.format + (s.gzip ? "+gzip" : "")))];
  const { answers } = await getAnswers(assessmentId);
  const need = assessNeedKubernetes(answers, snapshotFactsForHeuristic(loaded.facts));

  const snapshot = await prisma.$transaction(async (tx) => {
    const created = await tx.snapshot.create({
      data: {
        assessmentId,
        uploadedById: user.id,
        filename: files
          .map((f) => f.name)
          .join(", ")
          .slice(0, 500),
        format: formats.join(", "),
        sizeBytes,
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
    await tx.assessment.update({
      where: { id: assessmentId },
      data: {
        readinessScore: stored.score.score,
        readinessGrade: stored.score.grade,
        needScore: need.score,
        needVerdict: need.verdict,
      },
    });
    return created;
  });
  return { snapshot, score: stored.score, warnings: loaded.warnings };
}

/** Prisma's Json input type wants plain JSON; our engine output is JSON by construction. */
function toJson<T>(value: T): object {
  return JSON.parse(JSON.stringify(value)) as object;
}

export async function listSnapshots(assessmentId: string) {
  const prisma = await db();
  const exists = await prisma.assessment.findUnique({ where: { id: assessmentId }, select: { id: true } });
  if (!exists) throw notFound("Assessment");
  return prisma.snapshot.findMany({
    where: { assessmentId },
    select: snapshotSelect,
    orderBy: { createdAt: "desc" },
  });
}

export async function latestSnapshot(assessmentId: string) {
  return (await db()).snapshot.findFirst({
    where: { assessmentId },
    orderBy: { createdAt: "desc" },
    select: { ...snapshotSelect, analysis: true, certificates: true },
  });
}

/** The stored (redacted) objects of a snapshot, for tests and recomputation. */
export async function readSnapshotObjects(id: string): Promise<unknown[]> {
  const row = await (await db()).snapshot.findUnique({ where: { id }, select: { objectsGz: true } });
  if (!row) throw notFound("Snapshot");
  return JSON.parse(gunzipSync(row.objectsGz).toString("utf8")) as unknown[];
}
