// GET /api/shared/{token} — the read-only report behind a share link (unknown or revoked tokens are 404):
// failing checks with their counts and first affected objects, `objectsUrl` paging the rest. With
// ?format=json|md|csv|sarif|pdf, the same downloads as the signed-in report.
import { route } from "@/lib/api/route";
import { ZReportQuery, ZToken } from "@/lib/domain/schemas";
import { needsAllAffected, reportDownload } from "@/lib/report/download";
import { buildReport } from "@/lib/server/reports";
import { resolveShareToken } from "@/lib/server/share-links";

const headers = { "cache-control": "no-store", "x-robots-tag": "noindex, nofollow" };

export const GET = route(
  { access: "public", params: ZToken, query: ZReportQuery, rateLimit: 120 },
  async ({ params, query }) => {
    const share = await resolveShareToken(params.token);
    if (!query.format) {
      const report = await buildReport(share, share.assessmentId);
      const base = `/api/shared/${encodeURIComponent(params.token)}/checks`;
      return Response.json(
        {
          ...report,
          findings: report.findings.map((f) => ({
            ...f,
            objectsUrl: `${base}?category=${f.category}&check=${f.checkId}`,
          })),
        },
        { headers },
      );
    }
    const report = await buildReport(share, share.assessmentId, {
      allAffected: needsAllAffected(query.format),
    });
    return reportDownload(report, query.format, { "x-robots-tag": headers["x-robots-tag"] });
  },
);
