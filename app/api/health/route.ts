// GET /api/health — liveness: the process serves requests. Never touches the database, so an
// outage makes the app unready (/api/ready) but never gets it restarted for nothing.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
