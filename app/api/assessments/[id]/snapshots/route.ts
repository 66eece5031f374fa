// GET, POST /api/assessments/{id}/snapshots — list snapshots; upload one (multipart or raw JSON/YAML/gzip body).
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { readUpload } from "@/lib/api/upload";
import { env } from "@/lib/env";
import { uploadSnapshot } from "@/lib/server/scoring";
import { listSnapshots } from "@/lib/server/snapshots";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) => ({
  snapshots: await listSnapshots(caller, params.id),
}));

export const POST = route({ access: "user", params: ZId, rateLimit: 30 }, async ({ req, caller, params }) => {
  const files = await readUpload(req, env.MAX_UPLOAD_MB * 1024 * 1024);
  return Response.json(await uploadSnapshot(caller, params.id, files), { status: 201 });
});
