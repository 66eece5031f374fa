// Migrations: schema.prisma and prisma/migrations agree, and our runner keeps Prisma's history table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { availableKinds, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { applyMigrations, MigrationError, readMigrations } from "./migrate";
import { diffMigrationsToSchema } from "./schema-diff";

it("schema.prisma and the migrations agree (run `npm run db:migration -- <name>` if not)", async () => {
  expect(await diffMigrationsToSchema()).toBeNull();
});

const kinds = await availableKinds();

describe.each(kinds)("migration runner on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("records each migration as Prisma does and applies nothing twice", async () => {
    const migrations = await readMigrations();
    const rows = await t.database.withRunner((r) =>
      r.query<{
        migration_name: string;
        checksum: string;
        applied_steps_count: number;
        finished_at: Date | null;
      }>(
        `SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    expect(rows.every((r) => r.applied_steps_count === 1 && r.finished_at !== null)).toBe(true);
    expect(rows.map((r) => r.checksum)).toEqual(migrations.map((m) => m.checksum));
    expect(await t.database.withRunner((r) => applyMigrations(r, migrations))).toEqual([]);
  });

  it("rolls back a failing migration, records it and refuses to continue", async () => {
    const bad = {
      name: "99990101000000_broken",
      sql: "CREATE TABLE ok_table (id int); SELECT * FROM missing_table;",
      checksum: "x",
    };
    await expect(t.database.withRunner((r) => applyMigrations(r, [bad]))).rejects.toThrow(MigrationError);
    const tables = await t.database.withRunner((r) =>
      r.query<{ t: string | null }>(`SELECT to_regclass('ok_table')::text AS t`),
    );
    expect(tables[0]?.t).toBeNull();
    await expect(t.database.withRunner((r) => applyMigrations(r, []))).rejects.toThrow(/failed earlier/);
  });
});

describe("teams migration", () => {
  it("moves existing assessments into teams named by their old free-text team, and keeps access", async () => {
    const database = openDatabase({ memory: true });
    try {
      const all = await readMigrations();
      const index = all.findIndex((m) => m.name.endsWith("_teams_and_access"));
      expect(index).toBeGreaterThan(0);
      await database.withRunner((r) => applyMigrations(r, all.slice(0, index)));
      await database.withRunner(async (r) => {
        await r.query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
          VALUES ('00000000-0000-0000-0000-00000000000a', 'a@example.com', 'A', 'x', 'admin', now()),
                 ('00000000-0000-0000-0000-00000000000b', 'b@example.com', 'B', 'x', 'member', now())`);
        await r.query(`INSERT INTO "Session" (id, "userId", "expiresAt")
          VALUES ('s1', '00000000-0000-0000-0000-00000000000b', now() + interval '1 day')`);
        await r.query(`INSERT INTO "Assessment" (id, name, team, "ownerId", "updatedAt")
          VALUES ('00000000-0000-0000-0000-0000000000a1', 'Pay', 'Payments ', '00000000-0000-0000-0000-00000000000b', now()),
                 ('00000000-0000-0000-0000-0000000000a2', 'Misc', '', '00000000-0000-0000-0000-00000000000a', now())`);
      });
      await database.withRunner((r) => applyMigrations(r, all.slice(index)));
      const rows = await database.withRunner((r) =>
        r.query<{ name: string; team: string; isDefault: boolean; members: number }>(
          `SELECT a.name, t.name AS team, t."isDefault",
             (SELECT count(*)::int FROM "TeamMember" m WHERE m."teamId" = t.id) AS members
           FROM "Assessment" a JOIN "Team" t ON t.id = a."teamId" ORDER BY a.name`,
        ),
      );
      expect(rows).toEqual([
        { name: "Misc", team: "Default", isDefault: true, members: 2 },
        { name: "Pay", team: "Payments", isDefault: false, members: 2 },
      ]);
      const sessions = await database.withRunner((r) =>
        r.query<{ publicId: string | null }>(`SELECT "publicId" FROM "Session"`),
      );
      expect(sessions[0]?.publicId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await database.close();
    }
  });
});

describe("snapshot blobs migration", () => {
  it("moves each snapshot's blobs into one piece each, findings only where there were some", async () => {
    const database = openDatabase({ memory: true });
    try {
      const all = await readMigrations();
      const index = all.findIndex((m) => m.name.endsWith("_snapshot_blobs"));
      expect(index).toBeGreaterThan(0);
      await database.withRunner((r) => applyMigrations(r, all.slice(0, index)));
      const snapshot = (id: string, findings: string) => `INSERT INTO "Snapshot" (id, "assessmentId",
          "uploadedById", filename, format, "sizeBytes", "objectCount", "countsByKind", facts, warnings,
          redactions, certificates, "objectsGz", "findingsGz", analysis)
        VALUES ('${id}', '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000000a',
          'f.json', 'json', 1, 1, '{}', '{}', '[]', '{}', '[]', '\\x0102', ${findings}, '{}')`;
      await database.withRunner(async (r) => {
        await r.query(`INSERT INTO "User" (id, email, name, "passwordHash", role, "updatedAt")
          VALUES ('00000000-0000-0000-0000-00000000000a', 'a@example.com', 'A', 'x', 'admin', now())`);
        await r.query(`INSERT INTO "Team" (id, name) VALUES ('00000000-0000-0000-0000-0000000000f1', 'T')`);
        await r.query(`INSERT INTO "Assessment" (id, name, "teamId", "ownerId", "updatedAt")
          VALUES ('00000000-0000-0000-0000-0000000000a1', 'A', '00000000-0000-0000-0000-0000000000f1',
            '00000000-0000-0000-0000-00000000000a', now())`);
        await r.query(snapshot("00000000-0000-0000-0000-0000000000b1", "'\\x0304'"));
        await r.query(snapshot("00000000-0000-0000-0000-0000000000b2", "NULL"));
      });
      await database.withRunner((r) => applyMigrations(r, all.slice(index)));
      const rows = await database.withRunner((r) =>
        r.query<{ snapshotId: string; part: string; seq: number; hex: string }>(
          `SELECT "snapshotId", part, seq, encode(bytes, 'hex') AS hex FROM "SnapshotBlob"
           ORDER BY "snapshotId", part, seq`,
        ),
      );
      expect(rows).toEqual([
        { snapshotId: "00000000-0000-0000-0000-0000000000b1", part: "findings", seq: 0, hex: "0304" },
        { snapshotId: "00000000-0000-0000-0000-0000000000b1", part: "objects", seq: 0, hex: "0102" },
        { snapshotId: "00000000-0000-0000-0000-0000000000b2", part: "objects", seq: 0, hex: "0102" },
      ]);
    } finally {
      await database.close();
    }
  });
});
