// GET /api/shared/{token}/checks?category=…&page=N[&check=…] — the category cards of a shared report,
// as /api/assessments/{id}/report/checks gives them: only what the shared page and its downloads show
// (checklist items, their fixes and failing objects). Unknown or revoked tokens are 404; a view of the
// page is counted, not each card it loads.
import { route } from "@/lib/api/route";
import { ZToken } from "@/lib/domain/schemas";
import { reportChecks } from "@/lib/server/reports";
import { resolveShareToken } from "@/lib/server/share-links";

const headers = { "cache-control": "no-store", "x-robots-tag": "noindex, nofollow" };

export const GET = route({ access: "public", params: ZToken, rateLimit: 600 }, async ({ params, req }) => {
  const share = await resolveShareToken(params.token, { countView: false });
  const body = await reportChecks(
    share,
    share.assessmentId,
    Object.fromEntries(new URL(req.url).searchParams),
  );
  return Response.json(body, { headers });
});
