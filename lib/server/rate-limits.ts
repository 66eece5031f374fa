// Fixed-window counters in the database, so every instance of the app counts against the same limit.
// Each hit is one upsert: PostgreSQL locks the row for the ON CONFLICT update, so concurrent hits on
// one key (from any number of processes) each see a distinct count.
import "server-only";
import { db } from "./db";

export interface Window {
  count: number;
  windowStart: Date;
  resetAt: Date;
}

/** Rows idle for longer than this are deleted; no window may be longer. */
const KEEP_MS = 86_400_000;
/** Share of hits that also sweep expired rows: enough to keep the table small, cheap per request. */
const SWEEP_RATE = 0.01;

type Row = { count: number; windowStart: Date };

const asWindow = (row: Row, windowMs: number): Window => ({
  count: row.count,
  windowStart: row.windowStart,
  resetAt: new Date(row.windowStart.getTime() + windowMs),
});

/** Counts one event under `key`; a window older than `windowMs` starts over at 1. */
export async function hit(key: string, windowMs: number, now = new Date()): Promise<Window> {
  if (!(windowMs > 0 && windowMs <= KEEP_MS)) throw new Error(`window of ${windowMs} ms out of range`);
  const prisma = await db();
  const expired = new Date(now.getTime() - windowMs);
  // SET expressions read the row as it was before this update, so both CASEs test the old window.
  const rows = await prisma.$queryRaw<Row[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
    VALUES (${key}, ${now}::timestamp(3), 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${expired}::timestamp(3)
                     THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${expired}::timestamp(3)
                           THEN ${now}::timestamp(3) ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (Math.random() < SWEEP_RATE) await sweep(now);
  return asWindow(rows[0]!, windowMs);
}

/** The current window under `key` without counting; a missing or expired one reads as 0. */
export async function peek(key: string, windowMs: number, now = new Date()): Promise<Window> {
  const row = await (
    await db()
  ).rateLimitCounter.findUnique({ where: { key }, select: { count: true, windowStart: true } });
  if (!row || row.windowStart.getTime() <= now.getTime() - windowMs) {
    return { count: 0, windowStart: now, resetAt: now };
  }
  return asWindow(row, windowMs);
}

/** Takes back one hit, if the window it was counted in is still the current one. */
export async function release(key: string, windowStart: Date): Promise<void> {
  await (
    await db()
  ).rateLimitCounter.updateMany({
    where: { key, windowStart, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

export async function reset(key: string): Promise<void> {
  await (await db()).rateLimitCounter.deleteMany({ where: { key } });
}

/** Deletes counters whose window started more than a day ago (all of them have expired). */
export async function sweep(now = new Date()): Promise<number> {
  const { count } = await (
    await db()
  ).rateLimitCounter.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - KEEP_MS) } } });
  return count;
}
