// Graceful shutdown of a real `npm run worker` process on PostgreSQL: SIGTERM in the middle of a
// score refresh either lets it finish (time enough) or hands it back to the queue at the deadline
// (released, the attempt not counted) for another runner to complete; the process exits 0 either way,
// and says what it did in its JSON log.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { copySnapshot, deploymentList, makeAnalysesStale } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "./analysis-pool";
import { createAssessment } from "./assessments";
import { drainJobs } from "./job-runner";
import { requestScoreRefresh } from "./scoring";
import { uploadSnapshot } from "./uploads";

const hasPostgres = (await availableKinds()).includes("postgresql");

const until = async <T>(what: string, probe: () => Promise<T | null | false>, ms = 150_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

interface Worker {
  child: ChildProcess;
  lines: () => Record<string, unknown>[];
  exited: Promise<number | null>;
}

describe.runIf(hasPostgres)("a worker told to stop mid-job (postgresql)", () => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let template: string;
  const workers: Worker[] = [];

  function startWorker(shutdownSeconds: number): Worker {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
    Object.assign(env, {
      NODE_ENV: "production",
      DATABASE_URL: t.url,
      JOB_LEASE_SECONDS: "30",
      SHUTDOWN_TIMEOUT_SECONDS: String(shutdownSeconds),
      LOG_LEVEL: "info",
    });
    const child = spawn(process.execPath, ["--conditions=react-server", "scripts/launch.mjs", "worker"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const lines = () =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const worker = { child, lines, exited };
    workers.push(worker);
    return worker;
  }

  /** A score refresh over `count` assessments whose analyses are stale: each one is re-analysed. */
  async function longRefresh(count: number) {
    for (let i = 0; i < count; i++) {
      const a = await createAssessment(admin, { name: `Shutdown ${i}` });
      await copySnapshot(t.database.prisma, template, a.id);
    }
    await makeAnalysesStale(t.database.prisma);
    return requestScoreRefresh(admin, "shutdown test");
  }

  const job = (id: string) => t.database.prisma.job.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    const setup = await setUpAppDatabase("postgresql");
    t = setup.t;
    admin = asUser(setup.admin);
    const seed = await createAssessment(admin, { name: "Seed" });
    template = (await uploadSnapshot(admin, seed.id, [{ name: "apps.json", data: deploymentList(1500) }]))
      .snapshot.id;
  }, 120_000);

  afterEach(() => {
    // A failed test's worker must not take the next test's jobs.
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  });

  afterAll(async () => {
    await closeAnalysisPool();
    await t?.drop();
  }, 60_000);

  it("hands a job it cannot finish in time back to the queue, and another runner completes it", async () => {
    const worker = startWorker(1);
    const refresh = await longRefresh(8);
    await until("the worker to be running the refresh", async () => {
      const row = await job(refresh.id);
      return (
        row.status === "running" &&
        row.lockedBy?.split(":")[1] === String(worker.child.pid) &&
        row.done >= 1 &&
        row
      );
    });
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);

    const handedBack = await job(refresh.id);
    expect(handedBack).toMatchObject({ status: "queued", lockedBy: null, lockedUntil: null, attempts: 0 });
    const said = worker.lines().map((l) => l.msg);
    expect(said).toContain("shutting down: finishing the current job");
    expect(said).toContain(
      "shutdown deadline reached: running jobs handed back to the queue, interrupted uploads failed",
    );
    expect(said).toContain("database closed");
    // JSON lines with a level and time, and nothing that looks like the connection string.
    for (const line of worker.lines()) {
      expect(typeof line.level).toBe("string");
      expect(typeof line.time).toBe("string");
    }
    expect(JSON.stringify(worker.lines())).not.toContain(t.url!);

    expect(await drainJobs()).toBe(1);
    expect(await job(refresh.id)).toMatchObject({ status: "done", attempts: 1, error: null });
  }, 400_000);

  it("lets a job finish when the shutdown allows time enough", async () => {
    const worker = startWorker(120);
    const refresh = await longRefresh(1);
    await until("the worker to take the refresh", async () => {
      const row = await job(refresh.id);
      return row.lockedBy?.split(":")[1] === String(worker.child.pid) && row;
    });
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const done = await job(refresh.id);
    expect(done).toMatchObject({ status: "done", attempts: 1, error: null });
    expect(done.lockedBy?.split(":")[1]).toBe(String(worker.child.pid));
    expect(worker.lines().map((l) => l.msg)).toContain("no job left running");
  }, 400_000);
});
