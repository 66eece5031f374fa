// GET /api/ready — readiness: the database answers and migrations are applied.
import { problemResponse } from "@/lib/api/errors";
import { databaseInfo } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return Response.json({ status: "ready", database: (await databaseInfo()).kind });
  } catch (err) {
    return problemResponse(err);
  }
}
