// GET, PATCH, DELETE /api/assessments/{id} — read, rename, delete one assessment.
import { route } from "@/lib/api/route";
import { ZId, ZUpdateAssessment } from "@/lib/domain/schemas";
import { deleteAssessment, getAssessment, updateAssessment } from "@/lib/server/assessments";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) => ({
  assessment: await getAssessment(caller, params.id),
}));

export const PATCH = route(
  { access: "user", params: ZId, body: ZUpdateAssessment },
  async ({ caller, params, body }) => ({
    assessment: await updateAssessment(caller, params.id, body),
  }),
);

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await deleteAssessment(caller, params.id);
});
