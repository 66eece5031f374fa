// GET, POST /api/assessments — list and create assessments.
import { route } from "@/lib/api/route";
import { ZCreateAssessment } from "@/lib/domain/schemas";
import { createAssessment, listAssessments } from "@/lib/server/assessments";

export const GET = route({ access: "user" }, async ({ caller }) => ({
  assessments: await listAssessments(caller),
}));

export const POST = route({ access: "user", body: ZCreateAssessment }, async ({ caller, body }) =>
  Response.json({ assessment: await createAssessment(caller, body) }, { status: 201 }),
);
