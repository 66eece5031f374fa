// GET /api/admin/checklist-versions/diff?from=&to= — items added, removed and changed between two versions.
import { route } from "@/lib/api/route";
import { ZDiffQuery } from "@/lib/domain/schemas";
import { diffVersions } from "@/lib/server/checklists";

export const GET = route({ access: "admin", query: ZDiffQuery }, async ({ caller, query }) =>
  diffVersions(caller, query.from, query.to),
);
