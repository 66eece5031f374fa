// GET /api/me/sessions — the caller's live sessions, the current one marked.
import { route } from "@/lib/api/route";
import { listSessions } from "@/lib/server/accounts";

export const GET = route({ access: "user" }, async ({ caller }) => ({
  sessions: await listSessions(caller),
}));
