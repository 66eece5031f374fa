// Migrations: schema.prisma and prisma/migrations agree, and our runner keeps Prisma's history table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
