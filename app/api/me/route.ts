// GET /api/me — the calling user.
import { route } from "@/lib/api/route";

export const GET = route({ access: "user" }, ({ caller }) => ({ user: caller.user }));
