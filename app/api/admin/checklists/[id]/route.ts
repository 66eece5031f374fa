// GET /api/admin/checklists/{id} — one checklist with its versions.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { getChecklist } from "@/lib/server/checklists";

export const GET = route({ access: "admin", params: ZId }, async ({ caller, params }) => ({
  checklist: await getChecklist(caller, params.id),
}));
