// Whether an error means "the database cannot be reached right now" (it is down, restarting, or the
// connection was cut) rather than "this query is wrong". Such errors are answered with 503 and
// Retry-After (lib/api/errors.ts) and waited out by the job runner; the pool reconnects by itself.
// Errors arrive in several shapes: pg's own (Node socket codes, SQLSTATE codes, "Connection
// terminated…"), Prisma's (P1001…, with the driver adapter's error under meta.driverAdapterError)
// and PGlite's ("PGlite is closed").

/** Node socket errors that mean the server is not there or went away. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/**
 * SQLSTATEs: class 08 (connection exception); 57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now (starting up or shutting down); 53300 too many connections.
 */
const SQLSTATE = /^(08\w{3}|57P0[123]|53300)$/;

/**
 * Prisma: can't reach the server, timed out connecting, operation timed out, server closed the
 * connection, pool timeout, transaction API error (no connection for a transaction in time, or it
 * expired: the database is overloaded — retrying later is the answer); P1001 is what a Prisma driver
 * adapter reports for DatabaseNotReachable.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);

/** Driver adapter error kinds (@prisma/driver-adapter-utils) that mean the same. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

const MESSAGES =
  /Connection terminated|Can't reach database server|PGlite is closed|Client has encountered a connection error|timeout exceeded when trying to connect|Connection closed|server closed the connection unexpectedly|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function matches(e: ErrorLike): boolean {
  const code = typeof e.code === "string" ? e.code : undefined;
  const original = typeof e.originalCode === "string" ? e.originalCode : undefined;
  if (code && (SOCKET_CODES.has(code) || SQLSTATE.test(code) || PRISMA_CODES.has(code))) return true;
  if (original && SQLSTATE.test(original)) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && MESSAGES.test(e.message);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  // Breadth-first through causes, an AggregateError's errors (pg tries every address of "localhost")
  // and Prisma's wrapped adapter error; bounded, since causes can form a cycle.
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length > 0 && seen < 20; seen++) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null) continue;
    const x = e as ErrorLike;
    if (matches(x)) return true;
    queue.push(x.cause, x.meta?.driverAdapterError);
    if (Array.isArray(x.errors)) queue.push(...(x.errors as unknown[]));
  }
  return false;
}
