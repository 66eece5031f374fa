// DELETE /api/tokens/{id} — revokes one of the caller's API tokens.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeApiToken } from "@/lib/server/users";

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await revokeApiToken(caller, params.id);
});
