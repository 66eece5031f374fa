// DELETE /api/admin/exemptions/{id} — revokes an exemption.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeExemption } from "@/lib/server/exemptions";
import { refreshAllScores } from "@/lib/server/scoring";

export const DELETE = route({ access: "admin", params: ZId }, async ({ caller, params }) => {
  await revokeExemption(caller, params.id);
  await refreshAllScores(caller);
});
