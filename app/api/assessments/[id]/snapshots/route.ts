// GET, POST /api/assessments/{id}/snapshots — list snapshots; upload one (multipart or raw JSON/YAML/gzip
// body). An upload answers 202 with the job analysing it (poll GET /api/jobs/{id}); with `?wait=1` it
// answers when the analysis is done (201, or the analysis error), for CI scripts.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { checkDeclaredSize, readUpload } from "@/lib/api/upload";
import { ZId } from "@/lib/domain/schemas";
import { env } from "@/lib/env";
import { listSnapshots } from "@/lib/server/snapshots";
import { startUpload } from "@/lib/server/uploads";

const ZUploadQuery = z.object({
  wait: z.enum(["0", "1", "true", "false"]).optional(),
  filename: z.string().max(255).optional(),
});

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) => ({
  snapshots: await listSnapshots(caller, params.id),
}));

export const POST = route(
  { access: "user", params: ZId, query: ZUploadQuery, rateLimit: 30 },
  async ({ req, caller, params, query }) => {
    const maxBytes = env.MAX_UPLOAD_MB * 1024 * 1024;
    const declared = checkDeclaredSize(req, maxBytes);
    // The body streams into the job's analysis process as it is read; the job is answered once it is in.
    const { job, done } = await startUpload(
      caller,
      params.id,
      (sink) => readUpload(req, maxBytes, sink),
      declared,
    );
    if (query.wait !== "1" && query.wait !== "true") return Response.json({ job }, { status: 202 });
    const outcome = await done;
    if (!outcome.ok) throw outcome.error;
    return Response.json({ job: { ...job, status: "done" }, ...outcome.result }, { status: 201 });
  },
);
