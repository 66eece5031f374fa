// GET /api/checklists — published checklists an assessment can be scored with.
import { route } from "@/lib/api/route";
import { listPublishedChecklists } from "@/lib/server/checklists";

export const GET = route({ access: "user" }, async ({ caller }) => ({
  checklists: await listPublishedChecklists(caller),
}));
