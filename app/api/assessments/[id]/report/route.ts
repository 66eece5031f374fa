// GET /api/assessments/{id}/report — the report as JSON (`needKubernetes` per DESIGN.md §3); with
// ?format=json|md|csv|sarif, a download (attachment) of it, the CSV listing every failing object.
import { route } from "@/lib/api/route";
import { ZId, ZReportQuery } from "@/lib/domain/schemas";
import { needsAllAffected, reportDownload } from "@/lib/report/download";
import { buildReport } from "@/lib/server/reports";

export const GET = route(
  { access: "user", params: ZId, query: ZReportQuery },
  async ({ caller, params, query }) => {
    if (!query.format) return buildReport(caller, params.id);
    const report = await buildReport(caller, params.id, { allAffected: needsAllAffected(query.format) });
    return reportDownload(report, query.format);
  },
);
