// The request a piece of code runs for, so every log line and error body can name it. One
// AsyncLocalStorage for the whole process, kept on globalThis: Next bundles routes, pages and
// instrumentation separately, and each bundle would otherwise get its own empty storage.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestContext {
  requestId: string;
}

const g = globalThis as typeof globalThis & { __kubereadyRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (g.__kubereadyRequestContext ??= new AsyncLocalStorage<RequestContext>());

// What a proxy's id looks like (UUIDs, nginx's 32 hex digits, Envoy/AWS "Root=1-…" ids without the
// "=" and ";"): letters, digits and . _ : - only, so an id can never break a log line, a header or a
// JSON body, and short enough that nobody stores a payload in it.
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The incoming `x-request-id` when it is a sane token, else null. */
export function saneRequestId(incoming: string | string[] | null | undefined): string | null {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return typeof value === "string" && SANE_ID.test(value) ? value : null;
}

/** The id this request goes by: the caller's (a proxy's) when sane, else a new one. */
export const requestIdFor = (incoming: string | string[] | null | undefined): string =>
  saneRequestId(incoming) ?? randomUUID();

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/**
 * Enters the request's context for the rest of this synchronous run and everything it schedules.
 * Only for the HTTP server's `request.start` diagnostics channel, which has no callback to wrap: it
 * fires synchronously right before the server emits "request", so Next's handler runs inside it.
 */
export function enterRequest(requestId: string): void {
  storage.enterWith({ requestId });
}
