// GET, PATCH, DELETE /api/assessments/{id} — read, rename, delete one assessment.
import { route } from "@/lib/api/route";
import { ZId, ZUpdateAssessment } from "@/lib/domain/schemas";
import { deleteAssessment, getAssessment, updateAssessment } from "@/lib/server/assessments";

export const GET = route({ access: "user", params: ZId }, async ({ params }) => ({
  assessment: await getAssessment(params.id),
}));

export const PATCH = route(
  { access: "user", params: ZId, body: ZUpdateAssessment },
  async ({ params, body }) => ({
    assessment: await updateAssessment(params.id, body),
  }),
);

export const DELETE = route({ access: "user", params: ZId }, async ({ params }) => {
  await deleteAssessment(params.id);
});
