// PUT /api/admin/checklist-versions/{versionId}/order — reorders a draft's items (every key, new order).
import { route } from "@/lib/api/route";
import { ZReorder, ZVersionId } from "@/lib/domain/schemas";
import { reorderItems } from "@/lib/server/checklists";

export const PUT = route(
  { access: "admin", params: ZVersionId, body: ZReorder },
  async ({ caller, params, body }) => ({
    items: await reorderItems(caller, params.versionId, body.keys),
  }),
);
