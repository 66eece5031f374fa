// GET /api/assessments/{id}/findings — the findings explorer: failing objects of the latest snapshot,
// one row per object per check, filtered, sorted and paginated (see ZFindingsQuery). The query is
// validated by the data layer after the caller is authorised, so outsiders get 404, never a 400.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { listFindings } from "@/lib/server/findings";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params, req }) =>
  listFindings(caller, params.id, Object.fromEntries(new URL(req.url).searchParams)),
);
