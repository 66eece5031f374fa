// POST /api/admin/checklists/{id}/draft — the draft version, copied from the latest published one if needed.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { ensureDraft } from "@/lib/server/checklists";

export const POST = route({ access: "admin", params: ZId }, async ({ caller, params }) => {
  const { version, created } = await ensureDraft(caller, params.id);
  return Response.json({ version }, { status: created ? 201 : 200 });
});
