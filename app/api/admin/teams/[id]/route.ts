// GET, PATCH, DELETE /api/admin/teams/{id} — a team with its members; rename; delete an empty team.
import { route } from "@/lib/api/route";
import { ZId, ZUpdateTeam } from "@/lib/domain/schemas";
import { deleteTeam, getTeam, renameTeam } from "@/lib/server/teams";

export const GET = route({ access: "admin", params: ZId }, async ({ caller, params }) => ({
  team: await getTeam(caller, params.id),
}));

export const PATCH = route(
  { access: "admin", params: ZId, body: ZUpdateTeam },
  async ({ caller, params, body }) => ({ team: await renameTeam(caller, params.id, body.name) }),
);

export const DELETE = route({ access: "admin", params: ZId }, async ({ caller, params }) => {
  await deleteTeam(caller, params.id);
});
