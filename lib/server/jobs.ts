// Jobs: long work with visible progress, off the request. One table serves both databases: workers
// claim queued jobs with FOR UPDATE SKIP LOCKED (PostgreSQL and PGlite alike), so several app instances
// and `npm run worker` processes share the queue, and a job whose worker stopped is taken up again
// once its lock lapses. Written here rather than with pg-boss/graphile-worker because those need a
// network PostgreSQL connection and the embedded database has none; the same code must run on both.
import "server-only";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { env } from "@/lib/env";
import { Prisma as P } from "@/lib/generated/prisma/client";
import { loggerFor } from "@/lib/observability/log";
import { jobTimer } from "@/lib/observability/metrics";
import { authorizeAssessment, requireUser } from "./access";
import { db } from "./db";

export type JobKind = "upload" | "reanalyse" | "refresh-scores";

/**
 * This process, as recorded in `lockedBy`. Kept on globalThis: Next may load this module more than
 * once in one process (the route handlers' bundle and the one instrumentation.ts starts from), and
 * every copy must name the same process, or shutdown would not see the uploads its routes started.
 */
export const WORKER_ID = ((
  globalThis as typeof globalThis & { __kubereadyWorkerId?: string }
).__kubereadyWorkerId ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);

/** A running job renews its lock at least this often; a lock this old means its worker is gone. */
const LOCK_MS = env.JOB_LEASE_SECONDS * 1000;
/** Progress is written at most this often per job (a check-by-check bar needs no more). */
const PROGRESS_MS = 250;
const MAX_ATTEMPTS = 3;
/** Advisory lock class of enqueueJob's dedupe keys (the key's hash is the second half). */
const DEDUPE_LOCK = 72019446;
/** Advisory lock class of the per-user upload limit (the user id's hash is the second half). */
const UPLOAD_LIMIT_LOCK = 72019447;

/**
 * Leases are set and compared on the database's clock alone (UTC without zone, as Prisma stores
 * DateTime): app hosts whose clocks disagree still agree on whether a job's worker is gone.
 */
const DB_NOW = P.sql`timezone('UTC', clock_timestamp())`;
const LEASE_END = P.sql`(timezone('UTC', clock_timestamp()) + ${LOCK_MS}::int * interval '1 millisecond')`;

/** Extends a running job's lease (and records its progress) while this process still holds it. */
function renewLease(jobId: string, progress?: { stage: string; done: number; total: number }) {
  const set = progress
    ? P.sql`stage = ${progress.stage}, done = ${progress.done}::int, total = ${progress.total}::int,`
    : P.empty;
  return db().then(
    (prisma) => prisma.$executeRaw`
      UPDATE "Job" SET ${set} "lockedUntil" = ${LEASE_END}, "updatedAt" = ${DB_NOW}
      WHERE id = ${jobId}::uuid AND status = 'running' AND "lockedBy" = ${WORKER_ID}`,
  );
}

const log = loggerFor("jobs");
/** Stage and run timings of the jobs this process runs, for /metrics; ended when the job is. */
const timers = new Map<string, ReturnType<typeof jobTimer>>();

function endTimer(jobId: string, outcome: "done" | "failed" | "handed-back") {
  timers.get(jobId)?.end(outcome);
  timers.delete(jobId);
}

const jobSelect = {
  id: true,
  kind: true,
  status: true,
  stage: true,
  done: true,
  total: true,
  assessmentId: true,
  result: true,
  error: true,
  createdAt: true,
  updatedAt: true,
  finishedAt: true,
} as const;

export type JobDto = P.JobGetPayload<{ select: typeof jobSelect }>;

export interface JobProblem {
  code: string;
  detail: string;
  [key: string]: unknown;
}

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as P.InputJsonValue;

/** A job created already running, by and on this process (uploads: their input lives in memory here). */
export async function createRunningJob(input: {
  kind: JobKind;
  userId: string | null;
  assessmentId: string | null;
  stage: string;
  payload?: unknown;
}) {
  return (await db()).$transaction((tx) => insertRunningJob(tx, input));
}

async function insertRunningJob(
  tx: P.TransactionClient,
  input: {
    kind: JobKind;
    userId: string | null;
    assessmentId: string | null;
    stage: string;
    payload?: unknown;
  },
) {
  const job = await tx.job.create({
    data: {
      kind: input.kind,
      status: "running",
      stage: input.stage,
      userId: input.userId,
      assessmentId: input.assessmentId,
      payload: json(input.payload ?? {}),
      attempts: 1,
      lockedBy: WORKER_ID,
    },
    select: jobSelect,
  });
  await tx.$executeRaw`UPDATE "Job" SET "lockedUntil" = ${LEASE_END} WHERE id = ${job.id}::uuid`;
  return job;
}

/**
 * An upload's job, unless the user already has `limit` uploads under way. The count and the insert
 * run under a lock on the user, so two requests at once (on one instance or two) cannot both pass.
 */
export async function createUploadJob(input: {
  userId: string;
  assessmentId: string;
  stage: string;
  limit: number;
}) {
  return (await db()).$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${UPLOAD_LIMIT_LOCK}::int, hashtext(${input.userId}))`;
    const active = await tx.job.count({
      where: { userId: input.userId, kind: "upload", status: { in: ["queued", "running"] } },
    });
    if (active >= input.limit) {
      throw new AppError(
        "rate-limited",
        `You already have ${input.limit} uploads being analysed; wait for one to finish.`,
        { retryAfter: 5 },
      );
    }
    return insertRunningJob(tx, {
      kind: "upload",
      userId: input.userId,
      assessmentId: input.assessmentId,
      stage: input.stage,
    });
  });
}

/** A job any worker may pick up. `dedupeKey` skips the insert while an equal job still waits. */
export async function enqueueJob(input: {
  kind: JobKind;
  userId: string | null;
  assessmentId: string | null;
  payload: Record<string, unknown>;
  dedupeKey?: string;
}) {
  const prisma = await db();
  const create = (tx: P.TransactionClient) =>
    tx.job.create({
      data: {
        kind: input.kind,
        userId: input.userId,
        assessmentId: input.assessmentId,
        payload: json({ ...input.payload, ...(input.dedupeKey ? { dedupeKey: input.dedupeKey } : {}) }),
      },
      select: jobSelect,
    });
  const key = input.dedupeKey;
  if (!key) return create(prisma);
  // Two app instances reading the same stale report at once would each find no waiting job and add
  // one: the look and the insert run under a lock on the key, held until the insert commits.
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEDUPE_LOCK}::int, hashtext(${key}))`;
    const waiting = await tx.job.findFirst({
      where: {
        kind: input.kind,
        status: { in: ["queued", "running"] },
        payload: { path: ["dedupeKey"], equals: key },
      },
      select: jobSelect,
    });
    return waiting ?? create(tx);
  });
}

/** Reports progress, throttled; also renews the job's lock. */
export function progressReporter(jobId: string, kind: JobKind) {
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const timer = jobTimer(kind);
  timers.set(jobId, timer);
  return (stage: string, done: number, total: number, force = false) => {
    timer.stage(stage);
    const now = Date.now();
    if (!force && now - last < PROGRESS_MS) return pending;
    last = now;
    // Only while this process holds it: a job handed back on shutdown belongs to its next runner.
    pending = pending.then(() => renewLease(jobId, { stage, done, total }));
    return pending;
  };
}

/** Finishing and failing apply only while this process holds the job (a lapsed lease lost it). */
export async function finishJob(jobId: string, result: unknown): Promise<void> {
  await (
    await db()
  ).job.updateMany({
    where: { id: jobId, lockedBy: WORKER_ID, status: "running" },
    data: { status: "done", stage: "done", result: json(result), finishedAt: new Date(), lockedUntil: null },
  });
  endTimer(jobId, "done");
}

export async function failJob(jobId: string, problem: JobProblem): Promise<void> {
  await (
    await db()
  ).job.updateMany({
    where: { id: jobId, lockedBy: WORKER_ID, status: "running" },
    data: { status: "failed", error: json(problem), finishedAt: new Date(), lockedUntil: null },
  });
  endTimer(jobId, "failed");
}

/** A thrown error as the problem a job records: our own errors keep their code, others are generic. */
export function problemOf(err: unknown, jobId: string): JobProblem {
  if (err instanceof AppError) return { code: err.code, detail: err.message, ...err.extra };
  log.error({ jobId, err }, "job failed");
  return { code: "internal", detail: `The job failed on our side. Quote job id ${jobId} when reporting it.` };
}

/**
 * Claims the oldest queued job of `kinds` for this worker, or a running one whose worker stopped
 * renewing its lock (it is retried up to MAX_ATTEMPTS times). Uploads are never claimed: their input
 * was only ever in the memory of the process that received them.
 */
export async function claimJob(kinds: JobKind[]) {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Job"
      WHERE kind = ANY(${kinds}::text[])
        AND (status = 'queued' OR (status = 'running' AND "lockedUntil" < ${DB_NOW}))
        AND attempts < ${MAX_ATTEMPTS}
      ORDER BY "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    const id = rows[0]?.id;
    if (!id) return null;
    await tx.$executeRaw`
      UPDATE "Job" SET status = 'running', stage = 'starting', attempts = attempts + 1,
        "lockedBy" = ${WORKER_ID}, "lockedUntil" = ${LEASE_END}, "updatedAt" = ${DB_NOW}
      WHERE id = ${id}::uuid`;
    return tx.job.findUniqueOrThrow({
      where: { id },
      select: { ...jobSelect, payload: true, userId: true, attempts: true },
    });
  });
}

/**
 * Running uploads whose worker stopped (its lock lapsed) cannot be resumed: their input was never
 * stored. They fail with a message saying so; other kinds past their last attempt fail too.
 */
export async function failAbandonedJobs(): Promise<number> {
  const prisma = await db();
  const interrupted = JSON.stringify({
    code: "interrupted",
    detail: "The server stopped while this upload was being analysed. Nothing was stored: upload it again.",
  });
  const exhausted = JSON.stringify({
    code: "interrupted",
    detail: `Gave up after ${MAX_ATTEMPTS} attempts.`,
  });
  const uploads = await prisma.$executeRaw`
    UPDATE "Job" SET status = 'failed', "finishedAt" = ${DB_NOW}, "updatedAt" = ${DB_NOW},
      "lockedUntil" = NULL, error = ${interrupted}::jsonb
    WHERE status = 'running' AND "lockedUntil" < ${DB_NOW} AND kind = 'upload'`;
  const others = await prisma.$executeRaw`
    UPDATE "Job" SET status = 'failed', "finishedAt" = ${DB_NOW}, "updatedAt" = ${DB_NOW},
      "lockedUntil" = NULL, error = ${exhausted}::jsonb
    WHERE status = 'running' AND "lockedUntil" < ${DB_NOW} AND kind <> 'upload' AND attempts >= ${MAX_ATTEMPTS}`;
  return uploads + others;
}

/** A job, for the person who started it, members of its assessment's team, and administrators. */
export async function getJob(p: Principal, id: string): Promise<JobDto> {
  const caller = requireUser(p);
  const job = await (await db()).job.findUnique({ where: { id }, select: { ...jobSelect, userId: true } });
  if (!job) throw notFound("Job");
  if (job.userId !== caller.user.id && caller.user.role !== "admin") {
    if (!job.assessmentId) throw notFound("Job");
    await authorizeAssessment(p, job.assessmentId, "read").catch(() => {
      throw notFound("Job");
    });
  }
  const { userId: _userId, ...dto } = job;
  return dto;
}

/** Jobs of one assessment still queued or running (the report says a refresh is under way). */
export async function activeJobsOf(assessmentId: string) {
  return (await db()).job.findMany({
    where: { assessmentId, status: { in: ["queued", "running"] } },
    select: jobSelect,
    orderBy: { createdAt: "asc" },
  });
}

/**
 * Runs `work` while renewing the job's lease, so a job that waits for a free worker thread, or sits in
 * a long stage without progress, is never mistaken for one whose worker died.
 */
export async function withLease<T>(jobId: string, work: () => Promise<T>): Promise<T> {
  const renew = () => renewLease(jobId);
  const timer = setInterval(() => void renew().catch(() => {}), LOCK_MS / 3);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** How many jobs this process is running (its runner's and the uploads it analyses). */
export async function ownRunningJobCount(): Promise<number> {
  return (await db()).job.count({ where: { status: "running", lockedBy: WORKER_ID } });
}

/**
 * Shutdown: the jobs this process still runs are given up. Re-analyses and score refreshes go back to
 * the queue at once (their lease released, the attempt not counted) so another runner takes them now
 * rather than when the lease lapses; uploads, whose input only this process had, fail with a message
 * to upload again. The work still under way here then finds the job no longer its own and stores nothing.
 */
export async function handBackJobs(): Promise<{ requeued: string[]; interrupted: string[] }> {
  const prisma = await db();
  const own = await prisma.job.findMany({
    where: { status: "running", lockedBy: WORKER_ID },
    select: { id: true, kind: true },
  });
  const requeued: string[] = [];
  const interrupted: string[] = [];
  for (const job of own) {
    if (job.kind === "upload") {
      const { count } = await prisma.job.updateMany({
        where: { id: job.id, status: "running", lockedBy: WORKER_ID },
        data: {
          status: "failed",
          finishedAt: new Date(),
          lockedUntil: null,
          error: {
            code: "interrupted",
            detail:
              "The server stopped while this upload was being analysed. Nothing was stored: upload it again.",
          },
        },
      });
      if (count > 0) interrupted.push(job.id);
    } else {
      const { count } = await prisma.job.updateMany({
        where: { id: job.id, status: "running", lockedBy: WORKER_ID },
        data: {
          status: "queued",
          stage: "queued",
          lockedBy: null,
          lockedUntil: null,
          attempts: { decrement: 1 },
        },
      });
      if (count > 0) requeued.push(job.id);
    }
    endTimer(job.id, "handed-back");
  }
  return { requeued, interrupted };
}
