// GET /api/assessments/{id}/report?format=json|md|csv — the report as JSON (`needKubernetes` per DESIGN.md §3),
// Markdown, or a CSV of failing objects.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { findingsToCsv, reportToMarkdown } from "@/lib/report/export";
import { buildReport } from "@/lib/server/reports";

const ZQuery = z.object({ format: z.enum(["json", "md", "csv"]).default("json") });

export const GET = route(
  { access: "user", params: ZId, query: ZQuery },
  async ({ caller, params, query }) => {
    // The page shows a few affected objects per finding; the downloads carry every one.
    const report = await buildReport(caller, params.id, { allAffected: query.format !== "md" });
    if (query.format === "json") return report;
    const slug =
      report.assessment.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "report";
    const [body, type, ext] =
      query.format === "md"
        ? [reportToMarkdown(report), "text/markdown; charset=utf-8", "md"]
        : [findingsToCsv(report), "text/csv; charset=utf-8", "csv"];
    return new Response(body, {
      headers: {
        "content-type": type,
        "content-disposition": `attachment; filename="${slug}-report.${ext}"`,
        "cache-control": "no-store",
      },
    });
  },
);
