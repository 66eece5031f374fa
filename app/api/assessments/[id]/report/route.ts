// GET /api/assessments/{id}/report — the report as JSON (`needKubernetes` per DESIGN.md §3). Each
// failing check carries its counts (`affectedCount` objects, `affectedListed` results) and its first
// affected objects; `objectsUrl` pages the rest (the findings API). With ?format=json|md|csv|sarif|pdf,
// a download (attachment) of it, the JSON, CSV and SARIF listing every failing object, the PDF (written
// on its own thread) at most 25 per check.
import { route } from "@/lib/api/route";
import { ZId, ZReportQuery } from "@/lib/domain/schemas";
import { needsAllAffected, reportDownload } from "@/lib/report/download";
import { buildReport } from "@/lib/server/reports";

export const GET = route(
  { access: "user", params: ZId, query: ZReportQuery },
  async ({ caller, params, query }) => {
    if (!query.format) {
      const report = await buildReport(caller, params.id);
      return {
        ...report,
        findings: report.findings.map((f) => ({
          ...f,
          objectsUrl: `/api/assessments/${params.id}/findings?check=${f.checkId}`,
        })),
      };
    }
    const report = await buildReport(caller, params.id, { allAffected: needsAllAffected(query.format) });
    return reportDownload(report, query.format);
  },
);
