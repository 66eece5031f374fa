// DELETE /api/share-links/{id} — revokes a share link; the link then answers 404.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { revokeShareLink } from "@/lib/server/share-links";

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await revokeShareLink(caller, params.id);
});
