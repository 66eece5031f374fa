// GET, PUT /api/assessments/{id}/checklist-answers — manual checklist items and their answers (PUT: version, 409 if stale).
import { route } from "@/lib/api/route";
import { ZId, ZPutChecklistAnswers } from "@/lib/domain/schemas";
import { getChecklistAnswers, saveChecklistAnswers } from "@/lib/server/manual-answers";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) =>
  getChecklistAnswers(caller, params.id),
);

export const PUT = route(
  { access: "user", params: ZId, body: ZPutChecklistAnswers },
  async ({ caller, params, body }) => saveChecklistAnswers(caller, params.id, body.version, body.answers),
);
