// The one place domain errors become HTTP: application/problem+json with a stable code and the
// request's id. A database that cannot be reached becomes 503 with Retry-After; anything else
// unexpected becomes a generic 500 whose details go to the log under that request id, never a stack
// trace to the client.
import { randomUUID } from "node:crypto";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { AppError, type ErrorCode } from "@/lib/domain/errors";
import { loggerFor } from "@/lib/observability/log";
import { currentRequestId } from "@/lib/observability/request-context";

const log = loggerFor("http");

/** Seconds a client waits before retrying while the database is away (also lib/server/db.ts). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const STATUS: Record<ErrorCode, number> = {
  "bad-request": 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "invalid-snapshot": 422,
  "rate-limited": 429,
  "setup-complete": 409,
  starting: 503,
  "database-unavailable": 503,
  internal: 500,
};

const TITLES: Record<ErrorCode, string> = {
  "bad-request": "Bad request",
  validation: "Invalid input",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  "not-found": "Not found",
  conflict: "Conflict",
  "payload-too-large": "Upload too large",
  "unsupported-media-type": "Unsupported content type",
  "invalid-snapshot": "Snapshot could not be read",
  "rate-limited": "Too many requests",
  "setup-complete": "Setup already done",
  starting: "Starting",
  "database-unavailable": "Database unavailable",
  internal: "Internal error",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId?: string;
  [key: string]: unknown;
}

/** Prisma's known request errors that are the caller's doing, not ours. */
function fromPrisma(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "P2002") return new AppError("conflict", "That already exists.");
  if (code === "P2025") return new AppError("not-found", "Not found.");
  return null;
}

export const statusOf = (code: ErrorCode) => STATUS[code];

/** Driver errors that say the database is away (down, restarting, connection cut): retry later. */
function fromUnavailableDatabase(err: unknown): AppError | null {
  if (!isDatabaseUnavailable(err)) return null;
  return new AppError(
    "database-unavailable",
    "The database is unavailable right now; Kubeready is reconnecting. Try again in a few seconds.",
    { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
  );
}

/** Any thrown value as the problem a client is told about (unexpected ones are logged here). */
export function toProblem(thrown: unknown, requestId = currentRequestId() ?? randomUUID()): Problem {
  const err = fromPrisma(thrown) ?? fromUnavailableDatabase(thrown) ?? thrown;
  if (err instanceof AppError) {
    if (err.code === "database-unavailable" || err.code === "starting") {
      const reason = thrown instanceof Error ? thrown.message.trim().split("\n").at(-1) : undefined;
      // Start-up retries log each attempt themselves (lib/server/db.ts); probes during it are routine.
      log[err.code === "starting" ? "debug" : "warn"]({ code: err.code, reason }, "database unavailable");
    }
    return {
      type: `about:blank#${err.code}`,
      title: TITLES[err.code],
      status: STATUS[err.code],
      code: err.code,
      detail: err.message,
      ...err.extra,
      requestId,
    };
  }
  log.error({ err, requestId }, "unexpected error");
  return {
    type: "about:blank#internal",
    title: TITLES.internal,
    status: 500,
    code: "internal",
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
    requestId,
  };
}

export function problemResponse(thrown: unknown, requestId?: string): Response {
  const problem = toProblem(thrown, requestId);
  const headers: Record<string, string> = {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
  };
  // RFC 9110: a 429 or 503 says when to come back, in seconds.
  if (typeof problem.retryAfter === "number") headers["retry-after"] = String(problem.retryAfter);
  return Response.json(problem, { status: problem.status, headers });
}
