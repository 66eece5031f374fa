// GET /api/ready — readiness: 200 when the database answers (one round trip, 2 s at most, on every
// call) and has this build's migrations; 503 problem+json with Retry-After while starting
// ("starting") or during an outage ("database-unavailable").
import { problemResponse } from "@/lib/api/errors";
import { REQUEST_ID_HEADER, currentRequestId } from "@/lib/observability/request-context";
import { checkDatabase } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { kind, migration } = await checkDatabase();
    return Response.json(
      { status: "ready", database: kind, migration },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (err) {
    const response = problemResponse(err);
    const requestId = currentRequestId();
    if (requestId) response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }
}
