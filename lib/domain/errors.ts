// Domain errors: what went wrong in terms of the data (not found, forbidden, conflict, invalid…).
// They carry a stable code; the HTTP layer (lib/api/errors.ts) alone decides statuses and bodies.

export type ErrorCode =
  | "bad-request"
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "payload-too-large"
  | "unsupported-media-type"
  | "invalid-snapshot"
  | "rate-limited"
  | "setup-complete"
  | "starting"
  | "database-unavailable"
  | "internal";

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = "Resource") => new AppError("not-found", `${what} not found.`);
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError("forbidden", message);
export const unauthenticated = (message = "Sign in or send a valid API token (Authorization: Bearer …).") =>
  new AppError("unauthenticated", message);
