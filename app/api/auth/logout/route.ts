// POST /api/auth/logout — ends the current session.
import { route } from "@/lib/api/route";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { deleteSession } from "@/lib/server/users";
import { cookies } from "next/headers";

export const POST = route({ access: "public" }, async ({ caller }) => {
  if (caller?.sessionToken) await deleteSession(caller.sessionToken);
  (await cookies()).delete(SESSION_COOKIE);
});
