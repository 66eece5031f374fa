// POST /api/admin/teams — create a team (administrators only).
import { route } from "@/lib/api/route";
import { ZCreateTeam } from "@/lib/domain/schemas";
import { createTeam } from "@/lib/server/teams";

export const POST = route({ access: "admin", body: ZCreateTeam }, async ({ caller, body }) =>
  Response.json({ team: await createTeam(caller, body.name) }, { status: 201 }),
);
