// GET /api/admin/checklist-versions/{versionId} — a version with its items in order.
import { route } from "@/lib/api/route";
import { ZVersionId } from "@/lib/domain/schemas";
import { getVersion } from "@/lib/server/checklists";

export const GET = route({ access: "admin", params: ZVersionId }, async ({ caller, params }) => ({
  version: await getVersion(caller, params.versionId),
}));
