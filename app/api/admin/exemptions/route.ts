// GET, POST /api/admin/exemptions — admin-managed exemptions (check + namespace/name pattern + reason + expiry).
import { route } from "@/lib/api/route";
import { ZCreateExemption } from "@/lib/domain/schemas";
import { createExemption, listExemptions } from "@/lib/server/exemptions";
import { refreshAllScores } from "@/lib/server/scoring";

export const GET = route({ access: "admin" }, async () => ({ exemptions: await listExemptions() }));

export const POST = route({ access: "admin", body: ZCreateExemption }, async ({ caller, body }) => {
  const exemption = await createExemption(caller.user, body);
  await refreshAllScores();
  return Response.json({ exemption }, { status: 201 });
});
