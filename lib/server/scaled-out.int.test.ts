// Scaled out: two app instances and one `npm run worker` process on one PostgreSQL database, driven
// through both instances by a bounded mixed load (sign-ins, answer saves with their version, uploads,
// report and share page reads). Nothing acknowledged is lost or stored twice, every job runs once, a
// session made on one instance works (and ends) on the other, sign-in and route limits count across
// both, and nothing answers 5xx. The app is built once per test run (lib/testing/app-build.ts).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { builtApp } from "@/lib/testing/app-build";
import { setUpAppDatabase, TEST_ADMIN } from "@/lib/testing/app-database";
import { appProcesses, until, freePort, type AppProcesses } from "@/lib/testing/app-processes";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList, makeAnalysesStale } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "./analysis-pool";
import { createAssessment } from "./assessments";
import { createShareLink } from "./share-links";
import { uploadSnapshot } from "./uploads";
import { createUser } from "./users";

const hasPostgres = (await availableKinds()).includes("postgresql");
if (!hasPostgres) console.warn("[scaled-out] PostgreSQL unreachable: the two-instance tests are skipped.");

const PASSWORD = "several instances, one database";
const MEMBERS = 3;
/** Per member: answer saves by each of two "tabs", uploads, and rounds of reads and sign-ins. */
const SAVES_PER_TAB = 15;
const UPLOADS = 3;
const READ_ROUNDS = 6;

interface Sent {
  instance: number;
  what: string;
  status: number;
  body?: string;
}

/** Whether a request on a new TCP connection (no keep-alive pool) gets an answer. */
function newConnection(base: string): Promise<"answered" | "refused"> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/api/health`, { agent: false }, (res) => {
      res.resume();
      resolve("answered");
    });
    req.on("error", () => resolve("refused"));
  });
}

/** Every response of the run, for the tallies and the no-5xx check. */
const sent: Sent[] = [];

/** A client of the app with its own cookies (a browser, or one tab of one), calling either instance. */
class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly bases: string[]) {}

  async call(
    instance: number,
    what: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: () => Record<string, unknown>; text: string; headers: Headers }> {
    const base = this.bases[instance]!;
    const raw = body instanceof Uint8Array;
    const res = await fetch(base + path, {
      method,
      redirect: "manual",
      headers: {
        // Browsers send Origin on writes; the CSRF check wants the instance's own.
        origin: base,
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : raw ? new Uint8Array(body) : JSON.stringify(body),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      const [name, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    sent.push({ instance, what, status: res.status, ...(res.status >= 500 ? { body: text } : {}) });
    return {
      status: res.status,
      text,
      headers: res.headers,
      json: () => JSON.parse(text) as Record<string, unknown>,
    };
  }

  /** The cookies of this client, for another client to share (a second tab of one browser). */
  share(): Client {
    const other = new Client(this.bases);
    other.cookies = this.cookies;
    return other;
  }
}

describe.runIf(hasPostgres)("two app instances and a worker on one postgresql database", () => {
  let t: TestDatabase | undefined;
  let processes: AppProcesses;
  let admin: UserPrincipal;
  let bases: string[] = [];
  let pids: { apps: number[]; worker: number };
  let shareToken: string;
  let sharedName: string;
  const members: { email: string; assessmentId: string }[] = [];

  const prisma = () => t!.database.prisma;

  beforeAll(async () => {
    const dir = builtApp();
    const setup = await setUpAppDatabase("postgresql");
    t = setup.t;
    admin = asUser(setup.admin);
    for (let i = 0; i < MEMBERS; i++) {
      const email = `member${i}@example.com`;
      await createUser(admin, { email, name: `Member ${i}`, password: PASSWORD, role: "member" });
    }
    for (const u of await prisma().user.findMany({ where: { role: "member" }, orderBy: { email: "asc" } })) {
      const a = await createAssessment(asUser({ id: u.id, email: u.email, name: u.name, role: u.role }), {
        name: `Cluster of ${u.name}`,
      });
      members.push({ email: u.email, assessmentId: a.id });
    }
    const shared = await createAssessment(admin, { name: "Shared cluster" });
    sharedName = shared.name;
    await uploadSnapshot(admin, shared.id, [{ name: "shared.json", data: deploymentList(40, "shared") }]);
    shareToken = (await createShareLink(admin, shared.id, null)).token;
    await closeAnalysisPool();

    processes = appProcesses(dir, () => ({ DATABASE_URL: t!.url! }));
    const [a, b] = await Promise.all([
      // Time enough for the last test's upload to finish after SIGTERM, however busy the machine.
      processes.startApp("app A", await freePort(), { SHUTDOWN_TIMEOUT_SECONDS: "120" }),
      processes.startApp("app B", await freePort(), { SHUTDOWN_TIMEOUT_SECONDS: "120" }),
    ]);
    const worker = await processes.startWorker("worker");
    bases = [a.base, b.base];
    pids = { apps: [a.proc.pid, b.proc.pid], worker: worker.pid };
  }, 600_000);

  afterAll(async () => {
    // What the servers said about any 5xx, for whoever reads a failure.
    if (sent.some((s) => s.status >= 500)) {
      for (const p of processes?.procs ?? []) {
        const errors = p.output
          .join("")
          .split("\n")
          .filter((l) => /"level":(50|60)|error/i.test(l));
        console.log(`[scaled-out] ${p.name} errors:\n${errors.slice(-20).join("\n")}`);
      }
    }
    await processes?.stopAll("SIGKILL");
    await t?.drop();
  }, 60_000);

  const signIn = async (c: Client, instance: number, email: string, password = PASSWORD) =>
    c.call(instance, "sign-in", "POST", "/api/auth/login", { email, password });

  it("keeps a session made on one instance on the other, and ends it on both", async () => {
    const c = new Client(bases);
    expect((await signIn(c, 0, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    const me = await c.call(1, "me", "GET", "/api/me");
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: TEST_ADMIN.email } });
    expect((await c.call(1, "sign-out", "POST", "/api/auth/logout")).status).toBe(204);
    // The cookie as it was before signing out, replayed: the session is gone on the other instance too.
    const replay = new Client(bases);
    await signIn(replay, 1, TEST_ADMIN.email, TEST_ADMIN.password);
    const copy = replay.share();
    expect((await replay.call(0, "sign-out", "POST", "/api/auth/logout")).status).toBe(204);
    expect((await copy.call(1, "me", "GET", "/api/me")).status).toBe(401);
  });

  it("counts failed sign-ins and a route's limit across both instances", async () => {
    const c = new Client(bases);
    const email = members[0]!.email;
    // Five wrong passwords for one account from one address are allowed, alternating instances…
    for (let i = 0; i < 5; i++) expect((await signIn(c, i % 2, email, `wrong ${i}`)).status).toBe(401);
    // …the sixth is refused on either, and so is the right password from that address until it resets.
    for (const [instance, password] of [
      [0, "wrong again"],
      [1, "wrong again"],
      [0, PASSWORD],
    ] as const) {
      const refused = await signIn(c, instance, email, password);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // Password resets: 10 a minute per address, whichever instance answers.
    const reset = () => ({ token: "not-a-token", newPassword: "a new passphrase for later" });
    for (let i = 0; i < 10; i++) {
      const res = await c.call(i % 2, "reset", "POST", "/api/auth/reset", reset());
      expect(res.status).not.toBe(429);
      expect(res.status).toBeLessThan(500);
    }
    expect((await c.call(1, "reset", "POST", "/api/auth/reset", reset())).status).toBe(429);
    expect((await c.call(0, "reset", "POST", "/api/auth/reset", reset())).status).toBe(429);
    // The throttled member signs in from elsewhere later in this file: clear their counters.
    await prisma().rateLimitCounter.deleteMany({ where: { key: { startsWith: "login:" } } });
  });

  it("loses and duplicates nothing under a mixed load through both instances", async () => {
    const initial = new Map(
      (await prisma().assessment.findMany({ select: { id: true, version: true } })).map((a) => [
        a.id,
        a.version,
      ]),
    );
    const acks: { assessmentId: string; version: number; hosts: number }[] = [];
    let conflicts = 0;
    const uploads: { assessmentId: string; jobId: string; filename: string }[] = [];
    let uploadsRefused = 0;

    async function tab(c: Client, m: (typeof members)[number], tabNo: number) {
      let version = initial.get(m.assessmentId)!;
      for (let i = 0; i < SAVES_PER_TAB; i++) {
        const hosts = 1000 * (tabNo + 1) + i;
        const instance = (i + tabNo) % 2;
        const res = await c.call(
          instance,
          "save answers",
          "PUT",
          `/api/assessments/${m.assessmentId}/answers`,
          {
            version,
            answers: { production_hosts: hosts, deploys_per_week: tabNo },
          },
        );
        if (res.status === 200) {
          version = res.json().version as number;
          acks.push({ assessmentId: m.assessmentId, version, hosts });
        } else {
          expect(res.status, res.text).toBe(409);
          conflicts++;
          version = res.json().currentVersion as number;
        }
      }
    }

    async function uploader(c: Client, m: (typeof members)[number], n: number) {
      for (let i = 0; i < UPLOADS; i++) {
        const filename = `m${n}-upload-${i}.json`;
        const instance = (i + n) % 2;
        const res = await c.call(
          instance,
          "upload",
          "POST",
          `/api/assessments/${m.assessmentId}/snapshots?filename=${filename}`,
          new Uint8Array(deploymentList(30 + i, `m${n}u${i}`)),
        );
        if (res.status === 429) {
          uploadsRefused++;
          continue;
        }
        expect(res.status).toBe(202);
        const jobId = (res.json().job as { id: string }).id;
        uploads.push({ assessmentId: m.assessmentId, jobId, filename });
        // Followed on the other instance, as a browser behind a load balancer might be.
        await until(`upload job ${jobId}`, async () => {
          const job = await c.call(1 - instance, "job", "GET", `/api/jobs/${jobId}`);
          expect(job.status).toBe(200);
          const status = (job.json().job as { status: string }).status;
          return status !== "queued" && status !== "running";
        });
      }
    }

    async function reader(c: Client, m: (typeof members)[number], n: number) {
      for (let i = 0; i < READ_ROUNDS; i++) {
        const instance = (i + n) % 2;
        const report = await c.call(instance, "report", "GET", `/api/assessments/${m.assessmentId}/report`);
        expect(report.status).toBe(200);
        const page = await c.call(1 - instance, "share page", "GET", `/shared/${shareToken}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain(sharedName);
        const api = await c.call(instance, "share api", "GET", `/api/shared/${shareToken}`);
        expect(api.status).toBe(200);
        // A fresh sign-in of the same person now and then, on either instance.
        if (i % 2 === 1) expect((await signIn(new Client(bases), 1 - instance, m.email)).status).toBe(200);
      }
    }

    // Settled, not raced: a failing loop must not leave the others running into the next test.
    const loops = await Promise.allSettled(
      members.map(async (m, n) => {
        const browser = new Client(bases);
        expect((await signIn(browser, n % 2, m.email)).status).toBe(200);
        const mine = await Promise.allSettled([
          tab(browser, m, 0),
          tab(browser.share(), m, 1),
          uploader(browser.share(), m, n),
          reader(browser.share(), m, n),
        ]);
        for (const r of mine) if (r.status === "rejected") throw r.reason;
      }),
    );
    for (const r of loops) if (r.status === "rejected") throw r.reason;

    // Every acknowledged answer save is there, once: each took the version one step further, and the
    // value stored is the one of the last save acknowledged.
    for (const m of members) {
      const mine = acks
        .filter((a) => a.assessmentId === m.assessmentId)
        .sort((a, b) => a.version - b.version);
      const row = await prisma().assessment.findUniqueOrThrow({ where: { id: m.assessmentId } });
      expect(row.version - initial.get(m.assessmentId)!).toBe(mine.length);
      expect(new Set(mine.map((a) => a.version)).size).toBe(mine.length);
      const stored = await prisma().answer.findUniqueOrThrow({
        where: { assessmentId_questionId: { assessmentId: m.assessmentId, questionId: "production_hosts" } },
      });
      expect(stored.value).toBe(mine.at(-1)!.hosts);
    }

    // Every acknowledged upload gave exactly one snapshot, its job ran once, on the instance that took it.
    expect(uploads.length).toBeGreaterThan(0);
    for (const u of uploads) {
      const job = await prisma().job.findUniqueOrThrow({ where: { id: u.jobId } });
      expect(job).toMatchObject({ kind: "upload", status: "done", attempts: 1, error: null });
      expect(pids.apps).toContain(Number(job.lockedBy?.split(":")[1]));
      const snapshots = await prisma().snapshot.findMany({
        where: { assessmentId: u.assessmentId, filename: u.filename },
        select: { id: true },
      });
      expect(snapshots.map((s) => s.id)).toEqual([(job.result as { snapshotId: string }).snapshotId]);
    }
    for (const m of members) {
      const count = await prisma().snapshot.count({ where: { assessmentId: m.assessmentId } });
      expect(count).toBe(uploads.filter((u) => u.assessmentId === m.assessmentId).length);
    }

    const tally = new Map<string, number>();
    for (const s of sent) tally.set(`${s.what} ${s.status}`, (tally.get(`${s.what} ${s.status}`) ?? 0) + 1);
    console.log(
      `[scaled-out] ${sent.length} requests (${sent.filter((s) => s.instance === 0).length} on A, ${sent.filter((s) => s.instance === 1).length} on B): ${[...tally].map(([k, v]) => `${k} ×${v}`).join(", ")}; ${acks.length} saves acknowledged, ${conflicts} conflicts (409), ${uploads.length} uploads, ${uploadsRefused} refused (429)`,
    );
    expect(acks.length).toBeGreaterThan(MEMBERS);
    expect(sent.filter((s) => s.status >= 500)).toEqual([]);
  }, 240_000);

  it("re-analyses each stale snapshot once when both instances read its report at the same time", async () => {
    // The last test's uploads may still be storing: a snapshot stored after the marking below would be
    // current, and its report would rightly ask for no re-analysis.
    await until(
      "the earlier uploads to finish",
      async () => (await prisma().job.count({ where: { status: { in: ["queued", "running"] } } })) === 0,
      120_000,
    );
    await makeAnalysesStale(prisma());
    const c = new Client(bases);
    expect((await signIn(c, 0, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    const assessments = await prisma().assessment.findMany({
      where: { snapshots: { some: {} } },
      select: { id: true },
    });
    const since = new Date();
    // Administrators read every report: each one is asked for on both instances at once.
    const reads = await Promise.all(
      assessments.flatMap((a) =>
        [0, 1].map((instance) => c.call(instance, "report", "GET", `/api/assessments/${a.id}/report`)),
      ),
    );
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    const jobs = await until(
      "every re-analysis to finish",
      async () => {
        const rows = await prisma().job.findMany({ where: { kind: "reanalyse", createdAt: { gte: since } } });
        return (
          rows.length >= assessments.length &&
          rows.every((r) => r.status === "done" || r.status === "failed") &&
          rows
        );
      },
      120_000,
    );
    // One job per assessment's latest snapshot: the two reads of a report asked for it once.
    expect(jobs.length).toBe(assessments.length);
    expect(new Set(jobs.map((j) => (j.payload as { snapshotId: string }).snapshotId)).size).toBe(jobs.length);
    const runners = new Map<number, number>();
    for (const j of jobs) {
      expect(j).toMatchObject({ status: "done", attempts: 1, error: null });
      const pid = Number(j.lockedBy?.split(":")[1]);
      runners.set(pid, (runners.get(pid) ?? 0) + 1);
    }
    console.log(
      `[scaled-out] ${jobs.length} re-analyses by runner: ${[...runners].map(([pid, n]) => `${pid === pids.worker ? "worker" : `app ${pids.apps.indexOf(pid) === 0 ? "A" : "B"}`} ×${n}`).join(", ")}`,
    );
    for (const pid of runners.keys()) expect([...pids.apps, pids.worker]).toContain(pid);
    expect(sent.filter((s) => s.status >= 500)).toEqual([]);
  }, 180_000);
  // Last: it stops instance A. A rolling update sends SIGTERM to one pod while it serves.
  it("finishes what an instance has under way when it is told to stop, while the other keeps serving", async () => {
    const c = new Client(bases);
    expect((await signIn(c, 1, TEST_ADMIN.email, TEST_ADMIN.password)).status).toBe(200);
    const target = members[0]!.assessmentId;
    const before = await prisma().snapshot.count({ where: { assessmentId: target } });
    // An upload big enough to be mid-analysis when the signal comes, acknowledged by A.
    const upload = await c.call(
      0,
      "upload",
      "POST",
      `/api/assessments/${target}/snapshots?filename=rolling-update.json`,
      new Uint8Array(deploymentList(4000, "rolling")),
    );
    expect(upload.status).toBe(202);
    const jobId = (upload.json().job as { id: string }).id;
    // Requests A is answering when the signal comes.
    const reads = members.map((m) => c.call(0, "report", "GET", `/api/assessments/${m.assessmentId}/report`));
    await new Promise((r) => setTimeout(r, 100));
    const a = processes.procs.find((p) => p.name === "app A")!;
    a.child.kill("SIGTERM");
    expect((await Promise.all(reads)).map((r) => r.status)).toEqual(reads.map(() => 200));
    // Once it has begun to stop it takes no new connection (a fresh socket, not a pooled one); B
    // answers as before.
    await until("A to begin shutting down", () => a.output.join("").includes("shutting down"));
    expect(await newConnection(bases[0]!)).toBe("refused");
    expect((await c.call(1, "ready", "GET", "/api/ready")).status).toBe(200);
    expect(await a.exited).toBe(0);
    const log = a.output.join("");
    expect(log).toContain("shutting down");
    expect(log).toContain("no job left running");
    expect(log).toContain('"msg":"shut down"');
    // The upload it had acknowledged finished before it left, and was stored once.
    const job = await prisma().job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ status: "done", attempts: 1 });
    expect(await prisma().snapshot.count({ where: { assessmentId: target } })).toBe(before + 1);
    expect((await c.call(1, "job", "GET", `/api/jobs/${jobId}`)).json().job).toMatchObject({
      status: "done",
    });
    expect(sent.filter((x) => x.status >= 500)).toEqual([]);
  }, 180_000);
});
