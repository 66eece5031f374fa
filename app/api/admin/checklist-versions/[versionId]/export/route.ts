// GET /api/admin/checklist-versions/{versionId}/export?format=yaml|json — the version as a re-importable file.
import { route } from "@/lib/api/route";
import { ZExportQuery, ZVersionId } from "@/lib/domain/schemas";
import { serializeChecklistFile } from "@/lib/engine/checklist/file";
import { exportVersion, getVersion } from "@/lib/server/checklists";

export const GET = route(
  { access: "admin", params: ZVersionId, query: ZExportQuery },
  async ({ caller, params, query }) => {
    const [file, version] = await Promise.all([
      exportVersion(caller, params.versionId),
      getVersion(caller, params.versionId),
    ]);
    const name = `${file.slug}-v${version.number}.${query.format}`;
    return new Response(serializeChecklistFile(file, query.format), {
      headers: {
        "content-type": query.format === "json" ? "application/json" : "application/yaml",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      },
    });
  },
);
