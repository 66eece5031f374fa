// The job queue on PostgreSQL and PGlite: claim order, SKIP LOCKED, dedupe, retries of background jobs
// whose runner died, uploads failed as interrupted, and who may read a job.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList, makeAnalysesStale } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "./analysis-pool";
import { createAssessment } from "./assessments";
import { drainJobs } from "./job-runner";
import {
  claimJob,
  createRunningJob,
  createUploadJob,
  enqueueJob,
  failAbandonedJobs,
  getJob,
  WORKER_ID,
} from "./jobs";
import { createTeam, listTeams, putTeamMember, removeTeamMember } from "./teams";
import { uploadSnapshot } from "./uploads";
import { createUser } from "./users";

const BACKGROUND = ["reanalyse", "refresh-scores"] as const;

async function code(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (err === null) return "ok";
  return err instanceof AppError ? err.code : (err as Error).message;
}

const kinds = await availableKinds();

describe.each(kinds)("the job queue on %s", (kind) => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let owner: UserPrincipal;
  let mate: UserPrincipal;
  let outsider: UserPrincipal;
  let assessmentId: string;
  let snapshotId: string;

  const prisma = () => t.database.prisma;
  /** What a worker that died mid-job leaves behind: the job running, its lease in the past. */
  const lapse = (id: string) =>
    prisma().job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
  const row = (id: string) => prisma().job.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    const setup = await setUpAppDatabase(kind);
    t = setup.t;
    admin = asUser(setup.admin);
    const team = (await createTeam(admin, "Platform")).id;
    const other = (await createTeam(admin, "Elsewhere")).id;
    const person = async (email: string, teamId: string) => {
      const user = await createUser(admin, {
        email,
        name: email.split("@")[0]!,
        password: "a long passphrase 42",
        role: "member",
      });
      await putTeamMember(admin, teamId, user.id, "member");
      return asUser(user);
    };
    owner = await person("owner@example.com", team);
    mate = await person("mate@example.com", team);
    outsider = await person("out@example.com", other);
    const fallback = (await listTeams(admin)).find((x) => x.isDefault)!.id;
    for (const p of [owner, mate, outsider]) await removeTeamMember(admin, fallback, p.user.id);
    assessmentId = (await createAssessment(owner, { name: "Queue", teamId: team })).id;
    const stored = await uploadSnapshot(owner, assessmentId, [
      { name: "apps.json", data: deploymentList(300) },
    ]);
    snapshotId = stored.snapshot.id;
  });
  beforeEach(async () => {
    await prisma().job.deleteMany();
  });
  afterAll(async () => {
    await closeAnalysisPool();
    await t?.drop();
  });

  it("claims the oldest queued job first, only of the kinds asked for", async () => {
    const first = await enqueueJob({
      kind: "refresh-scores",
      userId: null,
      assessmentId: null,
      payload: { n: 1 },
    });
    const second = await enqueueJob({
      kind: "reanalyse",
      userId: null,
      assessmentId,
      payload: { snapshotId },
    });
    const third = await enqueueJob({
      kind: "refresh-scores",
      userId: null,
      assessmentId: null,
      payload: { n: 3 },
    });
    expect((await claimJob(["reanalyse"]))?.id).toBe(second.id);
    const claimed = await claimJob([...BACKGROUND]);
    expect(claimed).toMatchObject({ id: first.id, status: "running", attempts: 1 });
    expect((await row(first.id)).lockedBy).toBe(WORKER_ID);
    expect((await claimJob([...BACKGROUND]))?.id).toBe(third.id);
    expect(await claimJob([...BACKGROUND])).toBeNull();
  });

  it("never hands one job to two concurrent claims", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const job = await enqueueJob({
        kind: "refresh-scores",
        userId: null,
        assessmentId: null,
        payload: { i },
      });
      ids.add(job.id);
    }
    // Twenty claims at once for twelve jobs: each job is claimed exactly once, eight claims get nothing.
    const claims = await Promise.all(Array.from({ length: 20 }, () => claimJob([...BACKGROUND])));
    const got = claims.flatMap((c) => (c ? [c.id] : []));
    expect(got.length).toBe(12);
    expect(new Set(got)).toEqual(ids);
    const rows = await prisma().job.findMany();
    expect(rows.every((r) => r.status === "running" && r.attempts === 1)).toBe(true);
  });

  it.runIf(kind === "postgresql")(
    "skips a job another connection holds instead of waiting for it",
    async () => {
      const held = await enqueueJob({
        kind: "refresh-scores",
        userId: null,
        assessmentId: null,
        payload: { n: 1 },
      });
      const free = await enqueueJob({
        kind: "refresh-scores",
        userId: null,
        assessmentId: null,
        payload: { n: 2 },
      });
      // A second pool to the same database, as another app instance or worker process would have.
      const other = new pg.Client({ connectionString: t.url });
      await other.connect();
      try {
        await other.query("BEGIN");
        await other.query(`SELECT id FROM "Job" WHERE id = $1 FOR UPDATE`, [held.id]);
        const started = Date.now();
        expect((await claimJob([...BACKGROUND]))?.id).toBe(free.id);
        expect(await claimJob([...BACKGROUND])).toBeNull();
        expect(Date.now() - started).toBeLessThan(2000);
        await other.query("ROLLBACK");
        expect((await claimJob([...BACKGROUND]))?.id).toBe(held.id);
      } finally {
        await other.end();
      }
    },
  );

  it("adds no second copy of a job that is still waiting, but does once it is done", async () => {
    const input = {
      kind: "reanalyse" as const,
      userId: null,
      assessmentId,
      payload: { snapshotId },
      dedupeKey: `reanalyse:${snapshotId}`,
    };
    const a = await enqueueJob(input);
    expect((await enqueueJob(input)).id).toBe(a.id);
    await claimJob(["reanalyse"]);
    expect((await enqueueJob(input)).id).toBe(a.id);
    expect(await drainJobs()).toBe(0);
    await prisma().job.update({ where: { id: a.id }, data: { status: "done", lockedUntil: null } });
    const b = await enqueueJob(input);
    expect(b.id).not.toBe(a.id);
    expect(await enqueueJob({ ...input, dedupeKey: "something else" })).not.toMatchObject({ id: b.id });
  });

  it("adds one job when many ask for the same one at once (app instances reading one stale report)", async () => {
    const input = {
      kind: "reanalyse" as const,
      userId: null,
      assessmentId,
      payload: { snapshotId },
      dedupeKey: `reanalyse:${snapshotId}:together`,
    };
    const jobs = await Promise.all(Array.from({ length: 8 }, () => enqueueJob(input)));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(1);
    expect(await prisma().job.count({ where: { kind: "reanalyse" } })).toBe(1);
  });

  it("runs a re-analysis again when its runner died, and it finishes", async () => {
    await makeAnalysesStale(prisma());
    const job = await enqueueJob({ kind: "reanalyse", userId: null, assessmentId, payload: { snapshotId } });
    expect((await claimJob([...BACKGROUND]))?.id).toBe(job.id);
    // Still leased: no other runner may take it.
    expect(await drainJobs()).toBe(0);
    await lapse(job.id);
    expect(await drainJobs()).toBe(1);
    expect(await row(job.id)).toMatchObject({
      status: "done",
      attempts: 2,
      result: { snapshotId },
      error: null,
    });
    const snapshot = await prisma().snapshot.findUniqueOrThrow({ where: { id: snapshotId } });
    expect((snapshot.analysis as { engineVersion: string }).engineVersion).not.toBe("0.0.0-old");
  });

  it("runs a score refresh again when its runner died, and it finishes", async () => {
    await makeAnalysesStale(prisma());
    const job = await enqueueJob({
      kind: "refresh-scores",
      userId: admin.user.id,
      assessmentId: null,
      payload: {},
    });
    await claimJob([...BACKGROUND]);
    await lapse(job.id);
    expect(await drainJobs()).toBe(1);
    expect(await row(job.id)).toMatchObject({ status: "done", attempts: 2, result: { assessments: 1 } });
  });

  it("gives a background job up after three attempts", async () => {
    const job = await enqueueJob({ kind: "reanalyse", userId: null, assessmentId, payload: { snapshotId } });
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await claimJob([...BACKGROUND])).toMatchObject({ id: job.id, attempts: attempt });
      await lapse(job.id);
    }
    expect(await claimJob([...BACKGROUND])).toBeNull();
    expect(await failAbandonedJobs()).toBe(1);
    expect(await row(job.id)).toMatchObject({
      status: "failed",
      attempts: 3,
      error: { code: "interrupted", detail: "Gave up after 3 attempts." },
    });
  });

  it("fails an upload whose lease lapsed as interrupted, and leaves live ones alone", async () => {
    const upload = () =>
      createRunningJob({ kind: "upload", userId: owner.user.id, assessmentId, stage: "parsing" });
    const dead = await upload();
    const live = await upload();
    const waiting = await enqueueJob({
      kind: "refresh-scores",
      userId: null,
      assessmentId: null,
      payload: {},
    });
    await lapse(dead.id);
    expect(await failAbandonedJobs()).toBe(1);
    expect(await row(dead.id)).toMatchObject({ status: "failed", error: { code: "interrupted" } });
    expect((await row(dead.id)).finishedAt).not.toBeNull();
    expect((await row(live.id)).status).toBe("running");
    expect((await row(waiting.id)).status).toBe("queued");
    // A background runner never takes an upload, lapsed or not: its input is gone.
    await lapse(live.id);
    expect(await claimJob([...BACKGROUND])).toMatchObject({ id: waiting.id });
  });

  it("sets and compares leases on the database's clock, whatever the app host's clock says", async () => {
    // An app host whose clock runs an hour slow: a lease taken from its own clock would have lapsed
    // already, and any other worker would take the job over from under it.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 3_600_000 });
    let claimed: string | undefined;
    let upload: string;
    try {
      const job = await enqueueJob({
        kind: "reanalyse",
        userId: null,
        assessmentId,
        payload: { snapshotId },
      });
      claimed = (await claimJob([...BACKGROUND]))?.id;
      expect(claimed).toBe(job.id);
      upload = (
        await createRunningJob({ kind: "upload", userId: owner.user.id, assessmentId, stage: "parsing" })
      ).id;
    } finally {
      vi.useRealTimers();
    }
    expect(await claimJob([...BACKGROUND])).toBeNull();
    expect(await failAbandonedJobs()).toBe(0);
    for (const id of [claimed!, upload]) {
      const ahead = (await row(id)).lockedUntil!.getTime() - Date.now();
      expect(ahead).toBeGreaterThan(50_000);
      expect(ahead).toBeLessThanOrEqual(61_000);
    }
    // And a host an hour fast cannot keep a job alive past its real lease either.
    await lapse(claimed!);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 3_600_000 });
    try {
      expect(await claimJob([...BACKGROUND])).toMatchObject({ id: claimed, attempts: 2 });
    } finally {
      vi.useRealTimers();
    }
    expect((await row(claimed!)).lockedUntil!.getTime() - Date.now()).toBeLessThanOrEqual(61_000);
  });

  it("lets a user have two uploads under way, even when five start at the same moment", async () => {
    const start = () =>
      createUploadJob({ userId: owner.user.id, assessmentId, stage: "receiving", limit: 2 });
    // Open as many connections as there are requests first, so they really run at once.
    await Promise.all(Array.from({ length: 5 }, () => prisma().$executeRaw`SELECT pg_sleep(0.05)`));
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => code(start())));
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "rate-limited")).toHaveLength(3);
    expect(await prisma().job.count({ where: { kind: "upload", userId: owner.user.id } })).toBe(2);
    // Other users are not held back by this one's uploads.
    expect(
      await code(createUploadJob({ userId: mate.user.id, assessmentId, stage: "receiving", limit: 2 })),
    ).toBe("ok");
  });

  it("shows a job to its starter, administrators and the assessment's team only", async () => {
    const job = await createRunningJob({
      kind: "upload",
      userId: owner.user.id,
      assessmentId,
      stage: "parsing",
    });
    for (const p of [owner, admin, mate]) expect((await getJob(p, job.id)).id).toBe(job.id);
    expect(await code(getJob(outsider, job.id))).toBe("not-found");
    // A job tied to no assessment: its starter and administrators only.
    const global = await enqueueJob({
      kind: "refresh-scores",
      userId: owner.user.id,
      assessmentId: null,
      payload: {},
    });
    expect(await code(getJob(owner, global.id))).toBe("ok");
    expect(await code(getJob(admin, global.id))).toBe("ok");
    expect(await code(getJob(mate, global.id))).toBe("not-found");
    expect(await code(getJob(outsider, "00000000-0000-4000-8000-000000000000"))).toBe("not-found");
    expect(JSON.stringify(await getJob(mate, job.id))).not.toContain(owner.user.id);
  });
});
