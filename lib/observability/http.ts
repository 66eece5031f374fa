// Every HTTP request this process serves, observed through Node's own diagnostics channels
// (`http.server.request.start` / `http.server.response.finish`), whoever created the server:
// scripts/start.ts, `next start` or a standalone server.js. Each request gets its id (the proxy's
// `x-request-id` when sane, else a new one) on the request Next reads, on the response, and in the
// async context every log line reads; when it is answered, a log line and the request metrics.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { loggerFor } from "./log";
import { metrics } from "./metrics";
import { enterRequest, REQUEST_ID_HEADER, requestIdFor } from "./request-context";
import { routeOf } from "./routes";

interface Message {
  request: IncomingMessage;
  response: ServerResponse;
}

const log = loggerFor("http");
const g = globalThis as typeof globalThis & { __kubereadyHttpObserved?: boolean };

export function observeHttpServer(): void {
  if (g.__kubereadyHttpObserved) return;
  g.__kubereadyHttpObserved = true;
  const started = new WeakMap<ServerResponse, { at: bigint; requestId: string }>();

  subscribe("http.server.request.start", (message) => {
    const { request, response } = message as Message;
    const requestId = requestIdFor(request.headers[REQUEST_ID_HEADER]);
    // Handlers read the id from the request (a proxy's insane one replaced), clients from the response.
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    started.set(response, { at: process.hrtime.bigint(), requestId });
    // Published synchronously right before the server emits "request": the handler runs in this context.
    enterRequest(requestId);
  });

  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as Message;
    const start = started.get(response);
    if (!start) return;
    started.delete(response);
    const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
    const labels = {
      method: request.method ?? "GET",
      route: routeOf(request.url ?? "/"),
      status: String(response.statusCode),
    };
    const m = metrics();
    m.httpRequests.inc(labels);
    m.httpDuration.observe(labels, seconds);
    // The route pattern, not the path: paths hold ids and share-link tokens. Probes stay quiet.
    const quiet =
      labels.route === "/api/health" || labels.route === "/api/ready" || labels.route === "/metrics";
    log[quiet ? "debug" : "info"](
      { requestId: start.requestId, ...labels, status: response.statusCode, ms: Math.round(seconds * 1000) },
      "request",
    );
  });
}
