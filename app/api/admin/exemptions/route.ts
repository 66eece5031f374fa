// GET, POST /api/admin/exemptions — admin-managed exemptions (check + namespace/name pattern + reason +
// expiry); a new one re-scores every assessment through a job.
import { route } from "@/lib/api/route";
import { ZCreateExemption } from "@/lib/domain/schemas";
import { createExemption, listExemptions } from "@/lib/server/exemptions";
import { requestScoreRefresh } from "@/lib/server/scoring";

export const GET = route({ access: "admin" }, async ({ caller }) => ({
  exemptions: await listExemptions(caller),
}));

export const POST = route({ access: "admin", body: ZCreateExemption }, async ({ caller, body }) => {
  const exemption = await createExemption(caller, body);
  const job = await requestScoreRefresh(caller, "exemption created");
  return Response.json({ exemption, job }, { status: 201 });
});
