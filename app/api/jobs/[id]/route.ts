// GET /api/jobs/{id} — a job's status, stage and progress (uploads, re-analyses, score refreshes).
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { getJob } from "@/lib/server/jobs";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) => ({
  job: await getJob(caller, params.id),
}));
