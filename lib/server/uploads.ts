// Snapshot uploads as jobs. The job starts with the request: its body is streamed, as it is read, into
// an analysis process of its own (lib/server/analysis-pool.ts), and the request is answered with the job
// once the last byte is in. That process parses, redacts and analyses; this one stores the redacted
// result and re-scores. The raw upload lives only in that process's memory — it is never written
// anywhere — so an upload interrupted by a restart fails with a message to upload again
// (jobs.failAbandonedJobs).
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { loggerFor } from "@/lib/observability/log";
import { actingUser, authorizeAssessment, type AssessmentGrant } from "./access";
import { analyseUpload, type UploadAnalysis, type UploadSink } from "./analysis-pool";
import { uploadLimits } from "./objects-store";
import {
  createUploadJob,
  failJob,
  finishJob,
  problemOf,
  progressReporter,
  withLease,
  type JobDto,
} from "./jobs";
import { prepareReport } from "./reports";
import { recordReport, refreshScores } from "./scoring";
import { analysisSettings, storeAnalysedSnapshot, type UploadFile, type UploadMeta } from "./snapshots";

/** Uploads one person may have under way at once, so one user's uploads cannot starve the others. */
export const UPLOADS_PER_USER = 2;

const log = loggerFor("uploads");

export type UploadOutcome =
  { ok: true; result: Awaited<ReturnType<typeof storeResult>> } | { ok: false; error: AppError };

/**
 * An upload's files: already in memory (tests, callers that have them), or a reader that streams the
 * request's files into the sink as they arrive, cutting off at the size limits.
 */
export type UploadSource = UploadFile[] | ((sink: UploadSink) => Promise<void>);

/**
 * Starts an upload's job and analysis, reads its files into the analysis process, and returns the job
 * once they are all in; `done` settles when the job does. A refused read (413, broken multipart) fails
 * the job and is thrown, as are access and the per-user limit, which are checked before any byte is read.
 * `expectedBytes` is how many bytes a reader's request declares (Content-Length), when it does.
 */
export async function startUpload(
  p: Principal,
  assessmentId: string,
  source: UploadSource,
  expectedBytes?: number,
): Promise<{ job: JobDto; done: Promise<UploadOutcome> }> {
  const grant = await authorizeAssessment(p, assessmentId, "edit");
  const user = actingUser(p);
  if (Array.isArray(source) && source.length === 0)
    throw new AppError("bad-request", "No file in the upload.");
  const job = await createUploadJob({
    userId: user.id,
    assessmentId,
    stage: "receiving",
    limit: UPLOADS_PER_USER,
  });
  let received!: (error?: Error) => void;
  const intake = new Promise<void>((resolve, reject) => {
    received = (error) => (error === undefined ? resolve() : reject(error));
  });
  const expected = Array.isArray(source) ? source.reduce((n, f) => n + f.data.byteLength, 0) : expectedBytes;
  const done = processUpload(job.id, grant, source, expected, received);
  await intake;
  return { job, done };
}

/** For callers that want the finished result (CI with `?wait=1`, tests): the job, awaited. */
export async function uploadSnapshot(p: Principal, assessmentId: string, files: UploadSource) {
  const { done } = await startUpload(p, assessmentId, files);
  const outcome = await done;
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

/** Streams the files into the analysis process; returns their names and sizes. */
async function receive(source: UploadSource, analysis: UploadAnalysis): Promise<UploadMeta[]> {
  const meta: UploadMeta[] = [];
  const sink: UploadSink = {
    async file(name) {
      meta.push({ name, sizeBytes: 0 });
      await analysis.sink.file(name);
    },
    async write(chunk) {
      meta[meta.length - 1]!.sizeBytes += chunk.byteLength;
      await analysis.sink.write(chunk);
    },
  };
  if (typeof source === "function") await source(sink);
  else {
    for (const f of source) {
      await sink.file(f.name);
      await sink.write(f.data);
    }
  }
  if (meta.length === 0) throw new AppError("bad-request", "No file in the upload.");
  return meta;
}

async function storeResult(
  grant: AssessmentGrant,
  meta: UploadMeta[],
  analysis: UploadAnalysis,
  progress: ReturnType<typeof progressReporter>,
) {
  // The assessment's checklist parameters too, so the first analysis is already the current one and
  // its report needs no re-analysis in the background.
  const t0 = performance.now();
  const { rules, params, fingerprint } = await analysisSettings(grant.id);
  const out = await analysis.analyse(
    { kind: "upload", ...uploadLimits(), exemptions: rules, exemptionsFingerprint: fingerprint, params },
    (p) => void progress(p.stage, p.done, p.total),
  );
  if (!out.ok) {
    throw new AppError(out.tooLarge ? "payload-too-large" : "invalid-snapshot", out.message, {
      reason: out.code,
      location: out.location,
    });
  }
  const t1 = performance.now();
  await progress("storing", 0, 1, true);
  const snapshot = await storeAnalysedSnapshot(grant, meta, out);
  const t2 = performance.now();
  await progress("scoring", 0, 1, true);
  const readiness = await refreshScores(grant);
  await recordReport(grant, `Snapshot ${snapshot.filename} uploaded`, readiness);
  // Built while the job is finished and the request answered: the uploader's next read is the report.
  prepareReport(grant);
  // Where an upload's time went after its bytes were in (the bench reads these; so can operators).
  log.info(
    {
      snapshotId: snapshot.id,
      analyseMs: Math.round(t1 - t0),
      storeMs: Math.round(t2 - t1),
      scoreMs: Math.round(performance.now() - t2),
    },
    "upload stored",
  );
  return {
    snapshot,
    score: { score: readiness.score?.score ?? null, grade: readiness.score?.grade ?? null },
    warnings: out.warnings,
  };
}

/** Never rejects: every outcome is recorded on the job; `received` is told how reading the files went. */
async function processUpload(
  jobId: string,
  grant: AssessmentGrant,
  source: UploadSource,
  expectedBytes: number | undefined,
  received: (error?: Error) => void,
): Promise<UploadOutcome> {
  const progress = progressReporter(jobId, "upload");
  const analysis = analyseUpload(expectedBytes);
  let reading = true;
  try {
    const result = await withLease(jobId, async () => {
      const received0 = performance.now();
      const meta = await receive(source, analysis);
      log.info({ jobId, receiveMs: Math.round(performance.now() - received0) }, "upload received");
      // Before the request is answered, so that whoever polls the job never sees it still receiving.
      await progress("parsing", 0, meta.length, true);
      reading = false;
      received();
      return storeResult(grant, meta, analysis, progress);
    });
    await progress("done", 1, 1, true);
    await finishJob(jobId, { snapshotId: result.snapshot.id, ...result });
    return { ok: true, result };
  } catch (err) {
    analysis.abort();
    const problem = problemOf(err, jobId);
    await failJob(jobId, problem).catch((e: unknown) =>
      log.error({ jobId, err: e }, "job failure not recorded"),
    );
    const error = err instanceof AppError ? err : new AppError("internal", problem.detail, { jobId });
    if (reading) received(error);
    return { ok: false, error };
  }
}
