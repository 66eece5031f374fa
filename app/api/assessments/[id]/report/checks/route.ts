// GET /api/assessments/{id}/report/checks?category=…&page=N — one category card of the report: its
// score and a page of its checklist items, failing first, each failing check with its fix, counts and
// first affected objects; with &check=…, a page of that check's failing objects. The report page loads
// a card's contents this way as the reader opens it. The query is validated after authorization.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { reportChecks } from "@/lib/server/reports";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params, req }) =>
  reportChecks(caller, params.id, Object.fromEntries(new URL(req.url).searchParams)),
);
