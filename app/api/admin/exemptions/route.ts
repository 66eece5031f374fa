// GET, POST /api/admin/exemptions — admin-managed exemptions (check + namespace/name pattern + reason + expiry).
import { route } from "@/lib/api/route";
import { ZCreateExemption } from "@/lib/api/schemas";
import { createExemption, listExemptions } from "@/lib/server/exemptions";

export const GET = route({ access: "admin" }, async () => ({ exemptions: await listExemptions() }));

export const POST = route({ access: "admin", body: ZCreateExemption }, async ({ caller, body }) =>
  Response.json({ exemption: await createExemption(caller.user, body) }, { status: 201 }),
);
