// PUT /api/assessments/{id}/checklist — score the assessment with another checklist (its latest version).
import { route } from "@/lib/api/route";
import { ZChooseChecklist, ZId } from "@/lib/domain/schemas";
import { rescore } from "@/lib/server/scoring";

export const PUT = route(
  { access: "user", params: ZId, body: ZChooseChecklist },
  async ({ caller, params, body }) => rescore(caller, params.id, body.checklistId),
);
