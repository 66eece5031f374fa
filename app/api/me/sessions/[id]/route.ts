// DELETE /api/me/sessions/{id} — sign out one of the caller's sessions (by its public id).
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeSession } from "@/lib/server/accounts";

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await revokeSession(caller, params.id);
});
