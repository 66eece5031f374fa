// The one logger: JSON lines on stdout (pino), one object per event, at LOG_LEVEL and above. Every
// line written while a request is handled carries its `requestId` (request-context.ts). Log what
// happened and to what (ids, counts, durations), never request bodies, tokens, passwords or
// connection strings; the redaction below is a second line of defence, not a licence.
import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { currentRequestId } from "./request-context";

export type { Logger };

const g = globalThis as typeof globalThis & { __kubereadyLogger?: Logger };

function create(): Logger {
  return pino({
    level: env.LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // "level":"info" reads better in a log viewer than pino's numbers and needs no lookup table.
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
    redact: {
      paths: [
        "authorization",
        "cookie",
        "password",
        "token",
        "secret",
        "url",
        "*.authorization",
        "*.cookie",
        "*.password",
        "*.token",
        "*.secret",
        "headers.authorization",
        "headers.cookie",
        "req.headers.authorization",
        "req.headers.cookie",
      ],
      censor: "[redacted]",
    },
  });
}

/** The process-wide root logger (shared by every Next bundle). */
export const logger: Logger = (g.__kubereadyLogger ??= create());

/** A logger whose lines say which part of the app wrote them: `{"component":"jobs",…}`. */
export const loggerFor = (component: string): Logger => logger.child({ component });
