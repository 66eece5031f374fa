// POST /api/assessments/{id}/rescore — score with the newest published version; the old report is kept.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { rescore } from "@/lib/server/scoring";

export const POST = route({ access: "user", params: ZId }, async ({ caller, params }) =>
  Response.json(await rescore(caller, params.id), { status: 201 }),
);
