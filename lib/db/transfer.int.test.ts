// Moving up: an embedded install with real data (accounts, teams, assessments with answers, snapshots
// and reports, share links, tokens, sessions, audit log) exported and imported into a new database
// (PostgreSQL, or another embedded one when no server is reachable), where the same people sign in
// with the same passwords and links and tokens keep working. Broken or mismatched files are refused.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser } from "@/lib/domain/principal";
import { setUpAppDatabase, TEST_ADMIN } from "@/lib/testing/app-database";
import {
  ADMIN_URL,
  availableKinds,
  createTestDatabase,
  type Kind,
  type TestDatabase,
} from "@/lib/testing/databases";
import { ensureDefaultChecklist } from "@/lib/server/checklists";
import { createAssessment, saveAnswers } from "@/lib/server/assessments";
import { installDatabase } from "@/lib/server/db";
import { getChecklistAnswers, saveChecklistAnswers } from "@/lib/server/manual-answers";
import { createShareLink, resolveShareToken } from "@/lib/server/share-links";
import { createTeam, putTeamMember } from "@/lib/server/teams";
import { uploadSnapshot } from "@/lib/server/uploads";
import {
  createApiToken,
  createSession,
  createUser,
  findSessionUser,
  findTokenPrincipal,
  verifyCredentials,
} from "@/lib/server/users";
import { openDatabase, type Database } from "./client";
import { readMigrations } from "./migrate";
import { exportDatabase, importDatabase, tablesInDependencyOrder, TransferError } from "./transfer";

const work = mkdtempSync(path.join(tmpdir(), "kubeready-transfer-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A new database that nothing has touched: no migrations, no tables. */
async function emptyDatabase(kind: Kind): Promise<{ database: Database; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const database = openDatabase({ memory: true });
    return { database, drop: () => database.close() };
  }
  const name = `kubeready_import_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function rowCounts(database: Database): Promise<Record<string, number>> {
  return database.withRunner(async (r) => {
    const counts: Record<string, number> = {};
    for (const t of await tablesInDependencyOrder(r)) {
      const [row] = await r.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`);
      counts[t] = row?.n ?? 0;
    }
    return counts;
  });
}

const manifests = readdirSync("deploy/kubernetes")
  .filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml")
  .map((f) => ({ name: f, data: readFileSync(path.join("deploy/kubernetes", f)) }));

const targets = (await availableKinds()).includes("postgresql")
  ? (["postgresql"] as const)
  : (["pglite"] as const);

describe("export from the embedded database", () => {
  let source: TestDatabase;
  let file: string;
  const secrets = { session: "", apiToken: "", shareToken: "" };

  beforeAll(async () => {
    const { t, admin } = await setUpAppDatabase("pglite");
    source = t;
    const A = asUser(admin);
    const member = await createUser(A, {
      email: "mo@example.com",
      name: "Mo",
      password: "a member's long passphrase",
      role: "member",
    });
    const team = await createTeam(A, "Payments");
    await putTeamMember(A, team.id, member.id, "maintainer");
    const assessment = await createAssessment(A, { name: "Ledger cluster", teamId: team.id });
    await saveAnswers(A, assessment.id, 1, { production_hosts: 12, services: 30 });
    await uploadSnapshot(A, assessment.id, manifests);
    const checklist = await getChecklistAnswers(A, assessment.id);
    await saveChecklistAnswers(A, assessment.id, checklist.version, {
      "dr-plan-tested": { answer: "partly", note: "rehearsed on staging in May" },
    });
    secrets.shareToken = (await createShareLink(A, assessment.id, 30)).token;
    secrets.apiToken = (
      await createApiToken(asUser(member), { name: "ci", scope: "write", expiresAt: null })
    ).token;
    secrets.session = (await createSession(member.id, { userAgent: "test" })).token;

    file = path.join(work, "kubeready.ndjson.gz");
    await source.database.withRunner((r) => exportDatabase(r, file, "pglite"));
  });
  afterAll(async () => {
    await source?.drop();
  });

  it("writes a header with the migrations and every table, parents first, then each row and an end line", async () => {
    const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const header = JSON.parse(lines[0]!) as { migrations: { name: string }[]; tables: { name: string }[] };
    expect(header.migrations.map((m) => m.name)).toEqual((await readMigrations()).map((m) => m.name));
    const tables = header.tables.map((t) => t.name);
    expect(tables.indexOf("User")).toBeLessThan(tables.indexOf("Assessment"));
    expect(tables.indexOf("Assessment")).toBeLessThan(tables.indexOf("Snapshot"));
    expect(tables).not.toContain("_prisma_migrations");
    expect(JSON.parse(lines.at(-1)!)).toEqual({ end: true, rows: lines.length - 2 });
  });

  it("refuses to overwrite an existing file", async () => {
    await expect(source.database.withRunner((r) => exportDatabase(r, file, "pglite"))).rejects.toMatchObject({
      code: "EEXIST",
    });
  });

  describe.each(targets)("imported into a new %s database", (kind) => {
    let target: Awaited<ReturnType<typeof emptyDatabase>>;

    beforeAll(async () => {
      target = await emptyDatabase(kind);
      await target.database.withRunner((r) => importDatabase(r, file));
    });
    afterAll(async () => {
      installDatabase(source.database);
      await target?.drop();
    });

    it("holds the same rows in every table", async () => {
      const counts = await rowCounts(source.database);
      expect(counts.User).toBe(2);
      expect(counts.Snapshot).toBe(1);
      expect(counts.ShareLink).toBe(1);
      expect(await rowCounts(target.database)).toEqual(counts);
    });

    it("keeps values exactly: password hashes, timestamps, JSON, compressed bytes", async () => {
      const read = (db: Database) =>
        Promise.all([
          db.prisma.user.findMany({ orderBy: { email: "asc" } }),
          db.prisma.snapshot.findFirstOrThrow({
            include: { blobs: { orderBy: [{ part: "asc" }, { seq: "asc" }] } },
          }),
          db.prisma.answer.findMany({ orderBy: { questionId: "asc" } }),
          db.prisma.manualAnswer.findMany(),
          db.prisma.report.findMany({ orderBy: { createdAt: "asc" } }),
        ]);
      const [users, snapshot, answers, manual, reports] = await read(target.database);
      expect(await read(source.database)).toEqual([users, snapshot, answers, manual, reports]);
      expect(users.map((u) => u.passwordHash?.startsWith("$argon2id$"))).toEqual([true, true]);
      const objects = snapshot.blobs.filter((b) => b.part === "objects");
      expect(Buffer.concat(objects.map((b) => b.bytes)).byteLength).toBeGreaterThan(100);
      expect(manual[0]).toMatchObject({ itemKey: "dr-plan-tested", note: "rehearsed on staging in May" });
    });

    it("lets the same people sign in, and keeps sessions, API tokens and share links working", async () => {
      installDatabase(target.database);
      expect(await verifyCredentials(TEST_ADMIN.email, TEST_ADMIN.password)).toMatchObject({ role: "admin" });
      expect(await verifyCredentials("mo@example.com", "a member's long passphrase")).toMatchObject({
        name: "Mo",
      });
      expect(await verifyCredentials("mo@example.com", "wrong passphrase entirely")).toBeNull();
      expect(await findSessionUser(secrets.session)).toMatchObject({ email: "mo@example.com" });
      expect(await findTokenPrincipal(secrets.apiToken)).toMatchObject({ user: { email: "mo@example.com" } });
      expect(await resolveShareToken(secrets.shareToken)).toMatchObject({ kind: "share" });
    });

    it("refuses a second import into the now filled database", async () => {
      await expect(target.database.withRunner((r) => importDatabase(r, file))).rejects.toThrow(
        /The target database is not empty: it has 2 account\(s\)/,
      );
    });
  });

  it("imports into a database where Kubeready started but nobody signed up (seeded team and checklist)", async () => {
    const started = await createTestDatabase(targets[0]);
    try {
      await ensureDefaultChecklist(started.database.prisma);
      expect(await started.database.prisma.team.count()).toBe(1);
      await started.database.withRunner((r) => importDatabase(r, file));
      expect(await rowCounts(started.database)).toEqual(await rowCounts(source.database));
    } finally {
      await started.drop();
    }
  });

  describe("refusals, into an empty database", () => {
    let target: Awaited<ReturnType<typeof emptyDatabase>>;
    beforeAll(async () => {
      target = await emptyDatabase(targets[0]);
    });
    afterAll(async () => {
      await target?.drop();
    });

    const rewrite = (name: string, edit: (lines: string[]) => string[]) => {
      const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
      const out = path.join(work, name);
      writeFileSync(out, gzipSync(edit(lines).join("\n") + "\n"));
      return out;
    };
    const importing = (f: string) => target.database.withRunner((r) => importDatabase(r, f));

    it("refuses a file written under a migration this version does not have", async () => {
      const newer = rewrite("newer.ndjson.gz", ([head, ...rest]) => {
        const h = JSON.parse(head!) as { migrations: { name: string; checksum: string }[] };
        h.migrations.push({ name: "29991231000000_from_the_future", checksum: "0".repeat(64) });
        return [JSON.stringify(h), ...rest];
      });
      const err = await importing(newer).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TransferError);
      expect((err as Error).message).toMatch(
        /migration 29991231000000_from_the_future, which this version .* does not have/,
      );
    });

    it("refuses a file cut short and keeps none of its rows", async () => {
      const cut = rewrite("cut.ndjson.gz", (lines) => lines.slice(0, -3));
      await expect(importing(cut)).rejects.toThrow(/cut short/);
      const counts = await rowCounts(target.database);
      expect([counts.User, counts.Assessment, counts.Snapshot, counts.Session]).toEqual([0, 0, 0, 0]);
    });

    it("refuses a file that is not an export", async () => {
      const other = path.join(work, "other.gz");
      writeFileSync(other, gzipSync('{"hello":"world"}\n'));
      await expect(importing(other)).rejects.toThrow(/does not start with a Kubeready export header/);
      const plain = path.join(work, "plain.json");
      writeFileSync(plain, "{}\n");
      await expect(importing(plain)).rejects.toThrow(/cannot be read as a gzip file/);
    });
  });
});
