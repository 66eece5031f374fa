// Driver errors of every shape the app meets during a database outage become 503 with Retry-After
// and code database-unavailable; the errors that are a query's own fault stay what they were.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { runWithRequestId } from "@/lib/observability/request-context";
import { problemResponse } from "./errors";

const withCode = (message: string, code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), { code, ...extra });

// As Prisma 7 with @prisma/adapter-pg throws them (shapes recorded from real failures).
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error(`\nInvalid \`prisma.user.findFirst()\` invocation:\n\nRaw query failed.`), {
    name: "PrismaClientKnownRequestError",
    code,
    clientVersion: "7.10.0",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

const unavailable: [string, unknown][] = [
  ["pg: connection refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
  [
    "pg: every address of localhost refused",
    Object.assign(new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""), {
      code: "ECONNREFUSED",
    }),
  ],
  ["pg: connection cut", new Error("Connection terminated unexpectedly")],
  ["pg: admin shutdown", withCode("terminating connection due to administrator command", "57P01")],
  ["pg: server starting up", withCode("the database system is starting up", "57P03")],
  ["pg: connection failure", withCode("connection failure", "08006")],
  ["prisma: can't reach", prismaError("P1001", { kind: "DatabaseNotReachable", host: "db", port: 5432 })],
  [
    "prisma raw query: admin shutdown",
    prismaError("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" }),
  ],
  ["prisma: pool timeout", prismaError("P2024", {})],
  ["prisma: no connection for a transaction in time (overloaded)", prismaError("P2028", {})],
  ["prisma: connection closed", prismaError("P1017", { kind: "ConnectionClosed" })],
  ["pglite: closed", new Error("PGlite is closed")],
  ["wrapped in a cause", new Error("query failed", { cause: withCode("read ECONNRESET", "ECONNRESET") })],
];

async function problem(res: Response) {
  return (await res.json()) as { code: string; status: number; requestId: string; detail: string };
}

describe("error mapping", () => {
  it.each(unavailable)("%s → 503 database-unavailable with Retry-After", async (_, err) => {
    const res = runWithRequestId("req-outage-1", () => problemResponse(err));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await problem(res);
    expect(body).toMatchObject({ code: "database-unavailable", status: 503, requestId: "req-outage-1" });
    // The driver's message (hosts, ports, SQL) stays in the log.
    expect(body.detail).not.toMatch(/ECONN|5432|PGlite|Prisma|57P01/);
  });

  it("keeps errors that are not about reaching the database as they were", async () => {
    const syntax = await problem(problemResponse(withCode('syntax error at or near "SELEC"', "42601")));
    expect(syntax.code).toBe("internal");
    const unique = problemResponse(Object.assign(new Error("Unique constraint"), { code: "P2002" }));
    expect(unique.status).toBe(409);
    expect(problemResponse(new TypeError("x is undefined")).status).toBe(500);
  });

  it("puts the request id in every problem body, expected errors included", async () => {
    const res = runWithRequestId("req-42", () =>
      problemResponse(new AppError("not-found", "Assessment not found.")),
    );
    expect(res.status).toBe(404);
    expect(await problem(res)).toMatchObject({ code: "not-found", requestId: "req-42" });
    // Outside a request (a script), an id is made up so the body and the log still agree.
    const loose = await problem(problemResponse(new Error("boom")));
    expect(loose.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(loose.detail).toContain(loose.requestId);
  });

  it("answers a start-up still waiting for its database with 503 starting", async () => {
    const res = problemResponse(new AppError("starting", "Kubeready is starting.", { retryAfter: 5 }));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect((await problem(res)).code).toBe("starting");
  });
});
