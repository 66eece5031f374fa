// PATCH, DELETE /api/admin/checklist-versions/{versionId}/items/{itemId} — edit or remove an item of a draft.
import { route } from "@/lib/api/route";
import { ZItemPatch, ZVersionItem } from "@/lib/domain/schemas";
import { deleteItem, updateItem } from "@/lib/server/checklists";

export const PATCH = route(
  { access: "admin", params: ZVersionItem, body: ZItemPatch },
  async ({ caller, params, body }) => ({
    item: await updateItem(caller, params.versionId, params.itemId, body),
  }),
);

export const DELETE = route({ access: "admin", params: ZVersionItem }, async ({ caller, params }) => {
  await deleteItem(caller, params.versionId, params.itemId);
});
