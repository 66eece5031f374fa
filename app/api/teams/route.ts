// GET /api/teams — the caller's teams (every team for administrators), with their role in each.
import { route } from "@/lib/api/route";
import { listTeams } from "@/lib/server/teams";

export const GET = route({ access: "user" }, async ({ caller }) => ({ teams: await listTeams(caller) }));
