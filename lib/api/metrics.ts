// GET /metrics in Prometheus' text format, for a scraper holding METRICS_TOKEN (Authorization:
// Bearer …). Without a configured token the endpoint does not exist (404), so an install that has
// not thought about it exposes nothing; a wrong or missing token is 401.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { metrics } from "@/lib/observability/metrics";
import { sampleDatabaseMetrics } from "@/lib/server/metrics";
import { problemResponse } from "./errors";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time comparison of equal-length digests, so the answer time tells nothing about the token. */
export function metricsTokenMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  return !!match && timingSafeEqual(digest(match[1]!), digest(token));
}

export async function metricsResponse(req: Request, token = env.METRICS_TOKEN): Promise<Response> {
  if (!token) return problemResponse(new AppError("not-found", "Not found."));
  if (!metricsTokenMatches(req.headers.get("authorization"), token)) {
    const res = problemResponse(
      new AppError("unauthenticated", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>."),
    );
    res.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return res;
  }
  await sampleDatabaseMetrics();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store" },
  });
}
