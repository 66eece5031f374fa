// DELETE /api/snapshots/{id} — delete one snapshot (team members who may edit its assessment); audited.
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { deleteSnapshotAndRescore } from "@/lib/server/scoring";

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await deleteSnapshotAndRescore(caller, params.id);
});
