// POST /api/admin/checklist-versions/{versionId}/items — adds an item to a draft.
import { route } from "@/lib/api/route";
import { ZVersionId } from "@/lib/domain/schemas";
import { ZChecklistItem } from "@/lib/engine/checklist/model";
import { addItem } from "@/lib/server/checklists";

export const POST = route(
  { access: "admin", params: ZVersionId, body: ZChecklistItem },
  async ({ caller, params, body }) =>
    Response.json({ item: await addItem(caller, params.versionId, body) }, { status: 201 }),
);
