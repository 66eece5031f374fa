// Database factory: PostgreSQL through @prisma/adapter-pg when a URL is given, otherwise an embedded
// PGlite database in a directory, run on a thread of its own (lib/db/pglite-thread.ts) so its wasm never
// holds up the event loop. Same schema, same migrations, same queries.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { applyMigrations, readMigrations, type SqlRunner } from "./migrate";
import { openThreadedPGlite } from "./pglite-thread";

export type Prisma = PrismaClient;

export interface Database {
  kind: "postgresql" | "pglite";
  prisma: PrismaClient;
  /** A runner on one connection, for migrations (advisory locks are per connection). */
  withRunner<T>(fn: (runner: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export function openDatabase(target: DatabaseTarget): Database {
  if ("url" in target) {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return {
      kind: "postgresql",
      prisma,
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
      close: () => prisma.$disconnect(),
    };
  }
  if ("dataDir" in target) {
    // PGlite creates its own directory but not the parents.
    mkdirSync(path.dirname(target.dataDir), { recursive: true });
  }
  // The thread owns the data directory: one Database per directory per process (lib/server/db.ts).
  const pglite = openThreadedPGlite("dataDir" in target ? target.dataDir : undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite.client) });
  return {
    kind: "pglite",
    prisma,
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
