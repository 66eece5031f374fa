// Snapshot uploads as jobs. The request reads the body and gets a job id back at once; a worker
// thread parses, redacts and analyses, then this process stores the redacted result and re-scores.
// The raw upload only ever lives in this process's memory — it is never written anywhere — so an
// upload interrupted by a restart fails with a message to upload again (jobs.failAbandonedJobs).
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { loggerFor } from "@/lib/observability/log";
import { actingUser, authorizeAssessment, type AssessmentGrant } from "./access";
import { analyseUpload } from "./analysis-pool";
import { activeExemptionRules } from "./exemptions";
import { uploadLimits } from "./objects-store";
import {
  activeUploadCount,
  createRunningJob,
  failJob,
  finishJob,
  problemOf,
  progressReporter,
  withLease,
  type JobDto,
} from "./jobs";
import { recordReport, refreshScores } from "./scoring";
import { storeAnalysedSnapshot, type UploadFile } from "./snapshots";

/** Uploads one person may have under way at once, so one user's uploads cannot starve the others. */
export const UPLOADS_PER_USER = 2;

const log = loggerFor("uploads");

export type UploadOutcome =
  { ok: true; result: Awaited<ReturnType<typeof storeResult>> } | { ok: false; error: AppError };

/** Starts analysing an upload and returns its job at once; `done` settles when the job does. */
export async function startUpload(
  p: Principal,
  assessmentId: string,
  files: UploadFile[],
): Promise<{ job: JobDto; done: Promise<UploadOutcome> }> {
  const grant = await authorizeAssessment(p, assessmentId, "edit");
  const user = actingUser(p);
  if (files.length === 0) throw new AppError("bad-request", "No file in the upload.");
  if ((await activeUploadCount(user.id)) >= UPLOADS_PER_USER) {
    throw new AppError(
      "rate-limited",
      `You already have ${UPLOADS_PER_USER} uploads being analysed; wait for one to finish.`,
      { retryAfter: 5 },
    );
  }
  const job = await createRunningJob({ kind: "upload", userId: user.id, assessmentId, stage: "parsing" });
  return { job, done: processUpload(job.id, grant, files) };
}

/** For callers that want the finished result (CI with `?wait=1`, tests): the job, awaited. */
export async function uploadSnapshot(p: Principal, assessmentId: string, files: UploadFile[]) {
  const { done } = await startUpload(p, assessmentId, files);
  const outcome = await done;
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

async function storeResult(
  grant: AssessmentGrant,
  files: UploadFile[],
  progress: ReturnType<typeof progressReporter>,
) {
  const { rules, fingerprint } = await activeExemptionRules();
  const meta = files.map((f) => ({ name: f.name, sizeBytes: f.data.byteLength }));
  const out = await analyseUpload(
    {
      kind: "upload",
      files,
      ...uploadLimits(),
      exemptions: rules,
      exemptionsFingerprint: fingerprint,
    },
    (p) => void progress(p.stage, p.done, p.total),
  );
  if (!out.ok) {
    throw new AppError(out.tooLarge ? "payload-too-large" : "invalid-snapshot", out.message, {
      reason: out.code,
      location: out.location,
    });
  }
  await progress("storing", 0, 1, true);
  const snapshot = await storeAnalysedSnapshot(grant, meta, out);
  await progress("scoring", 0, 1, true);
  const readiness = await refreshScores(grant);
  await recordReport(grant, `Snapshot ${snapshot.filename} uploaded`, readiness);
  return {
    snapshot,
    score: { score: readiness.score?.score ?? null, grade: readiness.score?.grade ?? null },
    warnings: out.warnings,
  };
}

/** Never rejects: every outcome is recorded on the job. */
async function processUpload(
  jobId: string,
  grant: AssessmentGrant,
  files: UploadFile[],
): Promise<UploadOutcome> {
  const progress = progressReporter(jobId, "upload");
  try {
    const result = await withLease(jobId, () => storeResult(grant, files, progress));
    await progress("done", 1, 1, true);
    await finishJob(jobId, { snapshotId: result.snapshot.id, ...result });
    return { ok: true, result };
  } catch (err) {
    const problem = problemOf(err, jobId);
    await failJob(jobId, problem).catch((e: unknown) =>
      log.error({ jobId, err: e }, "job failure not recorded"),
    );
    const error = err instanceof AppError ? err : new AppError("internal", problem.detail, { jobId });
    return { ok: false, error };
  }
}
