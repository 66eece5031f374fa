// DELETE /api/admin/exemptions/{id} — revokes an exemption; every assessment is re-scored by a job.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeExemption } from "@/lib/server/exemptions";
import { requestScoreRefresh } from "@/lib/server/scoring";

export const DELETE = route({ access: "admin", params: ZId }, async ({ caller, params }) => {
  await revokeExemption(caller, params.id);
  return { job: await requestScoreRefresh(caller, "exemption revoked") };
});
