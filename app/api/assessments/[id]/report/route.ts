// GET /api/assessments/{id}/report — the report as JSON (`needKubernetes` per DESIGN.md §3).
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/api/schemas";
import { buildReport } from "@/lib/server/reports";

export const GET = route({ access: "user", params: ZId }, async ({ params }) => buildReport(params.id));
