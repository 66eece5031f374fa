// GET, POST /api/admin/checklists — list checklists with their versions; create one (with an empty draft).
import { route } from "@/lib/api/route";
import { ZCreateChecklist } from "@/lib/domain/schemas";
import { createChecklist, listChecklists } from "@/lib/server/checklists";

export const GET = route({ access: "admin" }, async ({ caller }) => ({
  checklists: await listChecklists(caller),
}));

export const POST = route({ access: "admin", body: ZCreateChecklist }, async ({ caller, body }) =>
  Response.json({ checklist: await createChecklist(caller, body) }, { status: 201 }),
);
