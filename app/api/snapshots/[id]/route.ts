// PATCH /api/snapshots/{id} — rename a snapshot or mark it as the baseline; DELETE — delete it and
// re-score its assessment. Both for team members who may edit the assessment; both audited.
import { route } from "@/lib/api/route";
import { ZId, ZUpdateSnapshot } from "@/lib/domain/schemas";
import { deleteSnapshotAndRescore } from "@/lib/server/scoring";
import { updateSnapshot } from "@/lib/server/snapshots";

export const PATCH = route(
  { access: "user", params: ZId, body: ZUpdateSnapshot },
  async ({ caller, params, body }) => ({ snapshot: await updateSnapshot(caller, params.id, body) }),
);

export const DELETE = route({ access: "user", params: ZId }, async ({ caller, params }) => {
  await deleteSnapshotAndRescore(caller, params.id);
});
