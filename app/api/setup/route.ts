// POST /api/setup — creates the first administrator; refused once any user exists.
import { route } from "@/lib/api/route";
import { ZSetup } from "@/lib/domain/schemas";
import { sessionCookie } from "@/lib/auth/session";
import { createFirstAdmin, createSession } from "@/lib/server/users";
import { cookies } from "next/headers";

export const POST = route({ access: "public", body: ZSetup, rateLimit: 10 }, async ({ req, body }) => {
  const user = await createFirstAdmin(body);
  const { token, expiresAt } = await createSession(user.id);
  (await cookies()).set(sessionCookie(token, expiresAt, req));
  return Response.json({ user }, { status: 201 });
});
