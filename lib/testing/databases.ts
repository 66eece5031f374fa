// Integration tests run every case on both databases: a fresh PostgreSQL database per run on the
// machine's server (TEST_DATABASE_ADMIN_URL), and an in-memory PGlite. Both are freshly migrated.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type Database } from "@/lib/db/client";

export const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export type Kind = "postgresql" | "pglite";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** On CI PostgreSQL must be there; locally a missing server skips those cases, loudly. */
export async function availableKinds(): Promise<Kind[]> {
  if (await postgresReachable()) return ["postgresql", "pglite"];
  if (process.env.CI) throw new Error(`PostgreSQL is required on CI but ${ADMIN_URL} is unreachable.`);
  console.warn(`[integration] PostgreSQL at ${ADMIN_URL} unreachable: running on PGlite only.`);
  return ["pglite"];
}

export interface TestDatabase {
  database: Database;
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: Kind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = openDatabase({ memory: true });
    await migrateDatabase(database);
    return { database, drop: () => database.close() };
  }
  const name = `kubeready_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = openDatabase({ url: url.toString() });
  await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
