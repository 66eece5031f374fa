// GET /api/shared/{token} — the read-only report behind a share link; unknown or revoked tokens are 404.
import { route } from "@/lib/api/route";
import { ZToken } from "@/lib/domain/schemas";
import { buildReport } from "@/lib/server/reports";
import { resolveShareToken } from "@/lib/server/share-links";

export const GET = route({ access: "public", params: ZToken, rateLimit: 120 }, async ({ params }) => {
  const share = await resolveShareToken(params.token);
  const report = await buildReport(share, share.assessmentId);
  return Response.json(report, {
    headers: { "cache-control": "no-store", "x-robots-tag": "noindex, nofollow" },
  });
});
