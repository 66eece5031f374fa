// Database factory: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise an embedded
// PGlite database in a directory, run in a process of its own (lib/db/pglite-process.ts) so its wasm never
// holds up the event loop. Same schema, same migrations, same queries.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations, readMigrations, type SqlRunner } from "./migrate";
import { openPGliteProcess } from "./pglite-process";

export type Prisma = PrismaClient;

/**
 * Prisma's defaults (2 s to get a connection for a transaction, 5 s to finish it) fail requests with
 * 500s on a busy machine long before the database is in trouble; these wait longer, and what still
 * times out is answered 503 with Retry-After (lib/db/unavailable.ts, code P2028).
 */
const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

/** One statement through the driver: its rows. */
export type DriverQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface Database {
  kind: "postgresql" | "pglite";
  prisma: PrismaClient;
  /**
   * One statement straight to the driver, past Prisma's query engine: for statements that carry
   * megabytes (a snapshot's blobs and analysis), which Prisma would turn into base64 and JSON and copy
   * through its compiler on the event loop. Buffers go as bytea; JSON goes as text cast to jsonb.
   */
  query: DriverQuery;
  /** Driver statements in one transaction: committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (query: DriverQuery) => Promise<T>): Promise<T>;
  /** A runner on one connection, for migrations (advisory locks are per connection). */
  withRunner<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The connection pool's use (PostgreSQL only), for /metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /**
   * The embedded database's process (PGlite only): its id, and a promise that resolves when it ended
   * without being closed (lib/server/db.ts then starts it again, as a PostgreSQL server is restarted).
   */
  embedded?: { pid: number | undefined; lost: Promise<Error> };
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export function openDatabase(target: DatabaseTarget): Database {
  if ("url" in target) {
    // Our own pool rather than the adapter's, so /metrics can read its counts.
    const pool = new pg.Pool({ connectionString: target.url });
    // An idle connection that the server drops (restart, failover) emits "error" on the pool; without a
    // listener that would end the process. The next query fails instead and is answered with a 503.
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions });
    return {
      kind: "postgresql",
      prisma,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      query: async <T>(sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows as T[],
      async transaction(fn) {
        const client = await pool.connect();
        // A connection that cannot even roll back is dropped from the pool, not handed out again.
        let broken: Error | undefined;
        try {
          await client.query("BEGIN");
          const result = await fn(
            async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
          );
          await client.query("COMMIT");
          return result;
        } catch (err) {
          await client.query("ROLLBACK").catch((e: unknown) => {
            broken = e instanceof Error ? e : new Error(String(e));
          });
          throw err;
        } finally {
          client.release(broken);
        }
      },
      async withRunner(fn) {
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          return await fn({
            query: async <T>(sql: string, params?: unknown[]) =>
              (await client.query(sql, params)).rows as T[],
            exec: async (sql) => {
              await client.query(sql);
            },
          });
        } finally {
          await client.end();
        }
      },
      async close() {
        await prisma.$disconnect();
        // The adapter may already have ended the pool it was given.
        await pool.end().catch(() => undefined);
      },
    };
  }
  if ("dataDir" in target) {
    // PGlite creates its own directory but not the parents.
    mkdirSync(path.dirname(target.dataDir), { recursive: true });
  }
  // The process owns the data directory: one Database per directory per app (lib/server/db.ts).
  const pglite = openPGliteProcess("dataDir" in target ? target.dataDir : undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite.client), transactionOptions });
  return {
    kind: "pglite",
    prisma,
    embedded: { pid: pglite.pid, lost: pglite.lost },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn(
          async <T>(sql: string, params?: unknown[]) => ((await tx.query(sql, params)) as { rows: T[] }).rows,
        ),
      ),
    withRunner: (fn) =>
      fn({
        query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
        exec: async (sql) => {
          await pglite.exec(sql);
        },
      }),
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

export async function migrateDatabase(db: Database, log?: (line: string) => void): Promise<string[]> {
  const migrations = await readMigrations();
  return db.withRunner((runner) => applyMigrations(runner, migrations, log));
}
