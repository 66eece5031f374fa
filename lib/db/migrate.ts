// Applies prisma/migrations/*/migration.sql in name order and records them in `_prisma_migrations`
// exactly as `prisma migrate deploy` does (sha256 checksum, applied_steps_count = 1), so a machine
// that can run the Prisma CLI agrees with what the app applied itself. We need our own runner because
// the native schema engine cannot be installed here and the embedded PGlite database is in-process.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export const migrationsDir = path.resolve(process.cwd(), "prisma/migrations");

const HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every process migrating this database.
const LOCK_KEY = 72_019_443;

export async function readMigrations(dir = migrationsDir): Promise<Migration[]> {
  let entries: string[];
  try {
    // Read at run time from the working directory; not something for the bundler to trace.
    entries = await readdir(/* turbopackIgnore: true */ dir);
  } catch {
    return [];
  }
  const names = entries.filter((e) => /^\d+_/.test(e)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/* turbopackIgnore: true */ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export class MigrationError extends Error {}

interface HistoryRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export async function pendingMigrations(db: SqlRunner, migrations: Migration[]): Promise<Migration[]> {
  const exists = await db.query<{ t: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS t`,
  );
  if (!exists[0]?.t) return migrations;
  const rows = await db.query<HistoryRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  const applied = new Set(
    rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
  );
  return migrations.filter((m) => !applied.has(m.name));
}

export async function applyMigrations(
  db: SqlRunner,
  migrations: Migration[],
  log: (line: string) => void = () => {},
): Promise<string[]> {
  await db.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  try {
    await db.exec(HISTORY_TABLE);
    const rows = await db.query<HistoryRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
    );
    const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.migration_name} failed earlier and was not resolved; fix the database and mark it rolled back before starting again.`,
      );
    }
    const applied = new Map(
      rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]),
    );
    const done: string[] = [];
    for (const m of migrations) {
      const previous = applied.get(m.name);
      if (previous) {
        if (previous.checksum !== m.checksum)
          log(`warning: migration ${m.name} was modified after it was applied`);
        continue;
      }
      const id = randomUUID();
      try {
        await db.exec("BEGIN");
        await db.exec(m.sql);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, m.checksum, m.name],
        );
        await db.exec("COMMIT");
      } catch (err) {
        await db.exec("ROLLBACK");
        const message = err instanceof Error ? err.message : String(err);
        await db.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, applied_steps_count)
           VALUES ($1, $2, $3, $4, now(), 0)`,
          [id, m.checksum, m.name, message],
        );
        throw new MigrationError(`Migration ${m.name} failed: ${message}`);
      }
      log(`applied migration ${m.name}`);
      done.push(m.name);
    }
    return done;
  } finally {
    await db.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
}
