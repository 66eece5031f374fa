// DELETE /api/admin/users/{id}/sessions — sign a user out everywhere (administrators only).
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeUserSessions } from "@/lib/server/accounts";

export const DELETE = route({ access: "admin", params: ZId }, async ({ caller, params }) =>
  revokeUserSessions(caller, params.id),
);
