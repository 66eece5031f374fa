// GET /api/assessments/{id}/snapshots/compare?from=&to= — two snapshots scored with the assessment's
// checklist: score and category deltas, failing objects new / fixed / still open per check and namespace.
import { route } from "@/lib/api/route";
import { ZCompareQuery, ZId } from "@/lib/domain/schemas";
import { compareSnapshots } from "@/lib/server/snapshot-compare";

export const GET = route(
  { access: "user", params: ZId, query: ZCompareQuery },
  async ({ caller, params, query }) => compareSnapshots(caller, params.id, query.from, query.to),
);
