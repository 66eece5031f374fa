// The one route wrapper: authentication, role check, CSRF origin check, rate limiting, zod parsing
// of params/query/body, and error mapping. Handlers receive parsed input and return data. Every
// answer carries the request's id (x-request-id), which error bodies and log lines repeat.
import "server-only";
import { z } from "zod";
import {
  currentRequestId,
  REQUEST_ID_HEADER,
  requestIdFor,
  runWithRequestId,
} from "@/lib/observability/request-context";
import { principalFromRequest } from "@/lib/auth/session";
import type { UserPrincipal } from "@/lib/domain/principal";
import { AppError, unauthenticated } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { problemResponse } from "./errors";
import { rateLimit } from "./rate-limit";
import { clientAddress, peerAddress } from "./client-address";
import { allowedOrigins, checkOrigin, readJsonBody } from "./request-guards";

type Access = "public" | "user" | "admin";

interface Options<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  /** Requests per minute per caller (or IP when anonymous). */
  rateLimit?: number;
}

interface Context<P, Q, B, A extends Access> {
  req: Request;
  params: P;
  query: Q;
  body: B;
  /** Who asks; pass it on to every lib/server call, which decides what they may do. */
  caller: A extends "public" ? UserPrincipal | null : UserPrincipal;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function issuesOf(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = issuesOf(result.error);
    const first = errors[0];
    const at = first?.path ? ` (${first.path})` : "";
    throw new AppError("validation", `Invalid ${where}${at}: ${first?.message ?? "malformed"}`, { errors });
  }
  return result.data;
}

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function route<
  A extends Access,
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(options: Options<P, Q, B, A>, handler: (ctx: Context<z.infer<P>, z.infer<Q>, z.infer<B>, A>) => unknown) {
  const handle = async (req: Request, routeContext: RouteContext): Promise<Response> => {
    try {
      const caller = await principalFromRequest(req);
      if (options.access !== "public" && !caller) throw unauthenticated();
      if (options.access === "admin" && caller?.user.role !== "admin") {
        throw new AppError("forbidden", "This needs an administrator.");
      }
      // The data layer refuses writes for read-only tokens too; this answers before any body is read.
      if (MUTATING.has(req.method) && caller?.scope === "read") {
        throw new AppError("forbidden", "This API token is read-only.");
      }
      if (MUTATING.has(req.method) && caller?.via !== "token") checkOrigin(req, allowedOrigins(req));
      if (options.rateLimit) {
        // Anonymous callers whose address cannot be known share one bucket per route (see client-address.ts).
        const who = caller?.user.id ?? clientAddress(req, env.TRUST_PROXY, peerAddress(req)) ?? "anonymous";
        await rateLimit(`${req.method} ${new URL(req.url).pathname} ${who}`, options.rateLimit);
      }
      const params = parse(options.params, await routeContext.params, "path");
      const query = parse(options.query, Object.fromEntries(new URL(req.url).searchParams), "query");
      let body: unknown;
      if (options.body) body = await readJsonBody(req);
      const result = await handler({
        req,
        params,
        query,
        body: parse(options.body, body, "body"),
        caller: caller as Context<z.infer<P>, z.infer<Q>, z.infer<B>, A>["caller"],
      });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      return problemResponse(err);
    }
  };
  return async (req: Request, routeContext: RouteContext): Promise<Response> => {
    // The HTTP server's observer (lib/observability/http.ts) has normally set the id already; a
    // handler called some other way (tests, a server that does not publish diagnostics) sets its own.
    const requestId = currentRequestId() ?? requestIdFor(req.headers.get(REQUEST_ID_HEADER));
    const response = await runWithRequestId(requestId, () => handle(req, routeContext));
    return withRequestId(response, requestId);
  };
}

/** The id on the response; a handler's redirect or fetched response has immutable headers, left as they are. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // Immutable headers: the server-level observer has set the header on the wire already.
  }
  return response;
}
