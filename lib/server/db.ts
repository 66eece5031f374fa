// The process-wide database. Kept on globalThis because Next bundles routes, pages and
// instrumentation separately, and two PGlite instances on one directory would corrupt it.
import "server-only";
import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { migrateDatabase, openDatabase, type Database } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";

interface Slot {
  database: Database;
  ready: Promise<void>;
}

const g = globalThis as typeof globalThis & { __kubereadyDb?: Slot };

function open(): Slot {
  const database = env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: path.join(dataDir, "pglite") });
  const ready = (async () => {
    await migrateDatabase(database, (line) => console.log(`[db] ${line}`));
    // Loaded here, not at the top: the seeders are data-layer modules that themselves use db().
    const [{ bootstrapAdminFromEnv }, { ensureDefaultChecklist }] = await Promise.all([
      import("./users"),
      import("./checklists"),
    ]);
    await bootstrapAdminFromEnv(database.prisma);
    await ensureDefaultChecklist(database.prisma);
  })();
  return { database, ready };
}

/** The Prisma client, once migrations are applied. */
export async function db(): Promise<PrismaClient> {
  g.__kubereadyDb ??= open();
  await g.__kubereadyDb.ready;
  return g.__kubereadyDb.database.prisma;
}

export async function databaseInfo(): Promise<{ kind: Database["kind"] }> {
  await db();
  return { kind: g.__kubereadyDb!.database.kind };
}

/** Tests install their own freshly migrated database. */
export function installDatabase(database: Database): void {
  g.__kubereadyDb = { database, ready: Promise.resolve() };
}
