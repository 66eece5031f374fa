// The one place domain errors become HTTP: application/problem+json with a stable code. Anything
// else becomes a generic 500 with a request id, never a stack trace.
import { randomUUID } from "node:crypto";
import { AppError, type ErrorCode } from "@/lib/domain/errors";

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

export function problemResponse(thrown: unknown): Response {
  const err = fromPrisma(thrown) ?? thrown;
  let problem: Problem;
  if (err instanceof AppError) {
    problem = {
      type: `about:blank#${err.code}`,
      title: TITLES[err.code],
      status: STATUS[err.code],
      code: err.code,
      detail: err.message,
      ...err.extra,
    };
  } else {
    const requestId = randomUUID();
    console.error(
      `[${requestId}] unexpected error:`,
      err instanceof Error ? (err.stack ?? err.message) : err,
    );
    problem = {
      type: "about:blank#internal",
      title: TITLES.internal,
      status: 500,
      code: "internal",
      detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
      requestId,
    };
  }
  const headers: Record<string, string> = {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
  };
  // RFC 9110: a 429 says when to come back, in seconds.
  if (typeof problem.retryAfter === "number") headers["retry-after"] = String(problem.retryAfter);
  return Response.json(problem, { status: problem.status, headers });
}
