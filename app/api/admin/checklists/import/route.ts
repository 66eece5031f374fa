// POST /api/admin/checklists/import — a checklist file (YAML or JSON body) becomes a draft; invalid files change nothing.
import { AppError } from "@/lib/domain/errors";
import { route } from "@/lib/api/route";
import { readUpload } from "@/lib/api/upload";
import { parseChecklistFile } from "@/lib/engine/checklist/file";
import { importChecklist } from "@/lib/server/checklists";

export const POST = route({ access: "admin", rateLimit: 30 }, async ({ caller, req }) => {
  const [upload] = await readUpload(req, 5 * 1024 * 1024);
  const parsed = parseChecklistFile(Buffer.from(upload!.data).toString("utf8"));
  if (!parsed.ok) {
    throw new AppError("validation", parsed.message, { errors: parsed.errors });
  }
  const { checklist, version } = await importChecklist(caller, parsed.file);
  return Response.json({ checklist, version }, { status: 201 });
});
