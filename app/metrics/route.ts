// GET /metrics — Prometheus metrics, for a scraper holding METRICS_TOKEN (lib/api/metrics.ts).
import { metricsResponse } from "@/lib/api/metrics";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return metricsResponse(req);
}
