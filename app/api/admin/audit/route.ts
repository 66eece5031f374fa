// GET /api/admin/audit — audit events, newest first.
import { route } from "@/lib/api/route";
import { ZAuditQuery } from "@/lib/domain/schemas";
import { listAuditEvents } from "@/lib/server/audit";

export const GET = route({ access: "admin", query: ZAuditQuery }, async ({ caller, query }) => ({
  events: await listAuditEvents(caller, query),
}));
