// GET, PUT /api/assessments/{id}/answers — questionnaire answers; PUT needs the current version (409 if stale).
import { route } from "@/lib/api/route";
import { ZId, ZPutAnswers } from "@/lib/domain/schemas";
import { getAnswers, saveAnswers } from "@/lib/server/assessments";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) =>
  getAnswers(caller, params.id),
);

export const PUT = route(
  { access: "user", params: ZId, body: ZPutAnswers },
  async ({ caller, params, body }) => saveAnswers(caller, params.id, body.version, body.answers),
);
