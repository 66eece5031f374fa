// The process-wide database. Kept on globalThis because Next bundles routes, pages and
// instrumentation separately, and two PGlite instances on one directory would corrupt it.
//
// Start-up (migrations, then the ADMIN_EMAIL and default-checklist seeding) is retried with backoff
// until it succeeds: a database that is down when the app starts delays readiness, it does not fail
// the process or get remembered as failed. Until then callers get a "starting" error (503). Later
// outages need nothing here: the pool reconnects, and the driver errors meanwhile become 503s in
// lib/api/errors.ts.
import "server-only";
import path from "node:path";
import { AppError } from "@/lib/domain/errors";
import { dataDir, env } from "@/lib/env";
import { migrateDatabase, openDatabase, type Database } from "@/lib/db/client";
import { readMigrations } from "@/lib/db/migrate";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loggerFor } from "@/lib/observability/log";

const log = loggerFor("db");

/** Seconds a client is told to wait before trying again while the database is away. */
export const RETRY_AFTER_SECONDS = 5;
/** How long a request waits for the first start-up attempt before it is answered "starting". */
const STARTUP_WAIT_MS = 3000;
/** /api/ready's database round trip: longer means "not ready", whatever the reason. */
export const READY_TIMEOUT_MS = 2000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;

interface Slot {
  database: Database;
  state: "starting" | "ready" | "closed";
  /** Settles when start-up succeeded or the slot was closed; never rejects. */
  ready: Promise<void>;
  /** The newest migration this build ships; /api/ready checks the database has it. */
  latestMigration: string | null;
  attempts: number;
  /** Wakes a start-up loop sleeping between attempts (closing does not wait out the backoff). */
  wake?: () => void;
}

const g = globalThis as typeof globalThis & { __kubereadyDb?: Slot };

const openConfigured = () =>
  env.DATABASE_URL
    ? openDatabase({ url: env.DATABASE_URL })
    : openDatabase({ dataDir: path.join(dataDir, "pglite") });

/** Exponential, capped, with ±20 % jitter so restarted replicas do not retry in step. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

async function prepare(database: Database): Promise<void> {
  await migrateDatabase(database, (line) => log.info({ migration: line }, "migration"));
  // Loaded here, not at the top: the seeders are data-layer modules that themselves use db().
  const [{ bootstrapAdminFromEnv }, { ensureDefaultChecklist }] = await Promise.all([
    import("./users"),
    import("./checklists"),
  ]);
  await bootstrapAdminFromEnv(database.prisma);
  await ensureDefaultChecklist(database.prisma);
}

function start(open: () => Database = openConfigured): Slot {
  const slot: Slot = {
    database: open(),
    state: "starting",
    ready: Promise.resolve(),
    latestMigration: null,
    attempts: 0,
  };
  slot.ready = connect(slot, open);
  return slot;
}

/** Connects and migrates, retrying with backoff, until it succeeds or the slot is closed. */
async function connect(slot: Slot, open: () => Database): Promise<void> {
  const migrations = await readMigrations();
  slot.latestMigration = migrations.at(-1)?.name ?? null;
  while (slot.state === "starting") {
    slot.attempts++;
    const started = Date.now();
    try {
      log.info({ attempt: slot.attempts, kind: slot.database.kind }, "connecting to the database");
      await prepare(slot.database);
      if (slot.state !== "starting") return;
      slot.state = "ready";
      log.info(
        { attempt: slot.attempts, kind: slot.database.kind, ms: Date.now() - started },
        "database ready: migrations applied",
      );
      restartWhenLost(slot, open);
      return;
    } catch (err) {
      if (slot.state !== "starting") return;
      const retryInMs = backoffMs(slot.attempts);
      log[isDatabaseUnavailable(err) ? "warn" : "error"](
        { attempt: slot.attempts, retryInMs, err },
        "database start-up failed; retrying",
      );
      // An embedded database that failed to open stays broken: the next attempt opens a fresh one.
      if (slot.database.kind === "pglite") {
        await slot.database.close().catch(() => {});
        slot.database = open();
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, retryInMs);
        slot.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      slot.wake = undefined;
    }
  }
}

/**
 * The embedded database runs in a process of its own, which can end on its own (killed, out of
 * memory). Then it is started again on the same data directory, as an orchestrator restarts a
 * PostgreSQL server: requests meanwhile answer 503 "starting", and PostgreSQL's own recovery replays
 * what was committed.
 */
function restartWhenLost(slot: Slot, open: () => Database): void {
  const database = slot.database;
  void database.embedded?.lost.then((err) => {
    if (slot.state !== "ready" || slot.database !== database) return;
    log.error({ err }, "the embedded database's process ended; starting it again");
    slot.state = "starting";
    slot.attempts = 0;
    void database.close().catch(() => {});
    slot.database = open();
    slot.ready = connect(slot, open);
  });
}

const slot = (): Slot => (g.__kubereadyDb ??= start());

const starting = () =>
  new AppError("starting", "Kubeready is starting: waiting for its database. Try again shortly.", {
    retryAfter: RETRY_AFTER_SECONDS,
  });

/** Begins connecting and migrating in the background (the server's start-up hook calls it). */
export function startDatabase(): void {
  slot();
}

/** Resolves once migrations are applied, however long the database takes to come (workers wait here). */
export async function databaseReady(): Promise<void> {
  const s = slot();
  await s.ready;
  if (s.state !== "ready") throw new AppError("database-unavailable", "The database was closed.");
}

/** The Prisma client, once migrations are applied; while start-up is still retrying, a "starting" error. */
export async function db(): Promise<PrismaClient> {
  const s = slot();
  // The first attempt of a normal start takes a second or so: worth waiting for. Once an attempt has
  // failed the database is away, and waiting would only slow down the answer.
  if (s.state === "starting" && s.attempts <= 1) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([s.ready, new Promise((r) => (timer = setTimeout(r, STARTUP_WAIT_MS)))]);
    clearTimeout(timer);
  }
  if (s.state === "starting") throw starting();
  if (s.state === "closed") throw new AppError("database-unavailable", "The server is shutting down.");
  return s.database.prisma;
}

/**
 * The driver itself, for the few statements that carry megabytes (Database.query): ready and closed
 * exactly as db() is.
 */
export async function dbDriver(): Promise<Pick<Database, "query" | "transaction" | "kind">> {
  await db();
  return slot().database;
}

export interface DatabaseHealth {
  kind: Database["kind"];
  /** The newest migration applied, which is the newest this build has. */
  migration: string | null;
}

/**
 * Readiness: one round trip to the database, bounded by READY_TIMEOUT_MS, that also proves the
 * newest migration of this build is applied. Throws "starting", a driver error, or "database-unavailable".
 */
export async function checkDatabase(timeoutMs = READY_TIMEOUT_MS): Promise<DatabaseHealth> {
  const s = slot();
  if (s.state === "starting") throw starting();
  if (s.state === "closed") throw new AppError("database-unavailable", "The server is shutting down.");
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError("database-unavailable", `The database did not answer within ${timeoutMs} ms.`, {
            retryAfter: RETRY_AFTER_SECONDS,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    const rows = await Promise.race([
      s.database.prisma.$queryRaw<{ name: string }[]>`
        SELECT migration_name AS name FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
        ORDER BY migration_name DESC LIMIT 1`,
      timeout,
    ]);
    const migration = rows[0]?.name ?? null;
    if (s.latestMigration && migration !== s.latestMigration) {
      throw new AppError(
        "database-unavailable",
        "The database is missing this version's migrations (was it restored from an older backup?).",
        { retryAfter: RETRY_AFTER_SECONDS },
      );
    }
    return { kind: s.database.kind, migration };
  } finally {
    clearTimeout(timer);
  }
}

/** What a Database may tell about its connection pool (pg's counts); read when it offers them. */
interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/**
 * The connection pool's use, for /metrics. The pg pool lives inside Prisma's driver adapter, out of
 * reach; a Database that exposes `poolStats()` (lib/db/client.ts) has it reported, others report none.
 */
export function databasePoolStats(): PoolStats | null {
  const s = g.__kubereadyDb;
  if (!s || s.state !== "ready") return null;
  const source = s.database as Database & { poolStats?: () => PoolStats | null };
  return typeof source.poolStats === "function" ? source.poolStats() : null;
}

/** Closes the database for good (graceful shutdown): later calls answer "database-unavailable". */
export async function closeDatabase(): Promise<void> {
  const s = g.__kubereadyDb;
  if (!s || s.state === "closed") return;
  s.state = "closed";
  s.wake?.();
  await s.ready;
  await s.database.close();
  log.info("database closed");
}

/** Tests install their own freshly migrated database. */
export function installDatabase(database: Database): void {
  g.__kubereadyDb = {
    database,
    state: "ready",
    ready: Promise.resolve(),
    latestMigration: null,
    attempts: 0,
  };
}

/** Tests: start up as the server would, against a database of their choosing. */
export function startDatabaseWith(open: () => Database): void {
  g.__kubereadyDb = start(open);
}
