// POST /api/admin/checklist-versions/{versionId}/publish — publishes a draft; it is immutable afterwards.
import { route } from "@/lib/api/route";
import { ZVersionId } from "@/lib/domain/schemas";
import { publishVersion } from "@/lib/server/checklists";

export const POST = route({ access: "admin", params: ZVersionId }, async ({ caller, params }) => ({
  version: await publishVersion(caller, params.versionId),
}));
