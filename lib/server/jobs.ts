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
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { loggerFor } from "@/lib/observability/log";
import { jobTimer } from "@/lib/observability/metrics";
import { authorizeAssessment, requireUser } from "./access";
import { db } from "./db";

export type JobKind = "upload" | "reanalyse" | "refresh-scores";

/** This process, as recorded in `lockedBy`. */
export const WORKER_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** A running job renews its lock at least this often; a lock this old means its worker is gone. */
const LOCK_MS = env.JOB_LEASE_SECONDS * 1000;
/** Progress is written at most this often per job (a check-by-check bar needs no more). */
const PROGRESS_MS = 250;
const MAX_ATTEMPTS = 3;
/** Advisory lock class of enqueueJob's dedupe keys (the key's hash is the second half). */
const DEDUPE_LOCK = 72019446;

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
  return (await db()).job.create({
    data: {
      kind: input.kind,
      status: "running",
      stage: input.stage,
      userId: input.userId,
      assessmentId: input.assessmentId,
      payload: json(input.payload ?? {}),
      attempts: 1,
      lockedBy: WORKER_ID,
      lockedUntil: new Date(Date.now() + LOCK_MS),
    },
    select: jobSelect,
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
    pending = pending.then(async () =>
      (await db()).job.updateMany({
        // Only while this process holds it: a job handed back on shutdown belongs to its next runner.
        where: { id: jobId, status: "running", lockedBy: WORKER_ID },
        data: { stage, done, total, lockedUntil: new Date(now + LOCK_MS) },
      }),
    );
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
        AND (status = 'queued' OR (status = 'running' AND "lockedUntil" < now()))
        AND attempts < ${MAX_ATTEMPTS}
      ORDER BY "createdAt"
      LIMIT 1
      FOR UPDATE SKIP LOCKED`;
    const id = rows[0]?.id;
    if (!id) return null;
    return tx.job.update({
      where: { id },
      data: {
        status: "running",
        stage: "starting",
        attempts: { increment: 1 },
        lockedBy: WORKER_ID,
        lockedUntil: new Date(Date.now() + LOCK_MS),
      },
      select: { ...jobSelect, payload: true, userId: true, attempts: true },
    });
  });
}

/**
 * Running uploads whose worker stopped (its lock lapsed) cannot be resumed: their input was never
 * stored. They fail with a message saying so; other kinds past their last attempt fail too.
 */
export async function failAbandonedJobs(now = new Date()): Promise<number> {
  const prisma = await db();
  const lapsed = { status: "running" as const, lockedUntil: { lt: now } };
  const uploads = await prisma.job.updateMany({
    where: { ...lapsed, kind: "upload" },
    data: {
      status: "failed",
      finishedAt: now,
      error: {
        code: "interrupted",
        detail:
          "The server stopped while this upload was being analysed. Nothing was stored: upload it again.",
      },
    },
  });
  const exhausted = await prisma.job.updateMany({
    where: { ...lapsed, kind: { not: "upload" }, attempts: { gte: MAX_ATTEMPTS } },
    data: {
      status: "failed",
      finishedAt: now,
      error: { code: "interrupted", detail: `Gave up after ${MAX_ATTEMPTS} attempts.` },
    },
  });
  return uploads.count + exhausted.count;
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

/** How many uploads a user has under way, for the per-user limit. */
export async function activeUploadCount(userId: string): Promise<number> {
  return (await db()).job.count({ where: { userId, kind: "upload", status: { in: ["queued", "running"] } } });
}

/**
 * Runs `work` while renewing the job's lease, so a job that waits for a free worker thread, or sits in
 * a long stage without progress, is never mistaken for one whose worker died.
 */
export async function withLease<T>(jobId: string, work: () => Promise<T>): Promise<T> {
  const renew = async () =>
    (await db()).job.updateMany({
      where: { id: jobId, status: "running", lockedBy: WORKER_ID },
      data: { lockedUntil: new Date(Date.now() + LOCK_MS) },
    });
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
