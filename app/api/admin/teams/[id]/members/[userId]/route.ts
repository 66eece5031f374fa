// PUT, DELETE /api/admin/teams/{id}/members/{userId} — add a member or set their role; remove them.
import { route } from "@/lib/api/route";
import { ZPutMember, ZTeamMember } from "@/lib/domain/schemas";
import { putTeamMember, removeTeamMember } from "@/lib/server/teams";

export const PUT = route(
  { access: "admin", params: ZTeamMember, body: ZPutMember },
  async ({ caller, params, body }) => {
    await putTeamMember(caller, params.id, params.userId, body.role);
  },
);

export const DELETE = route({ access: "admin", params: ZTeamMember }, async ({ caller, params }) => {
  await removeTeamMember(caller, params.id, params.userId);
});
