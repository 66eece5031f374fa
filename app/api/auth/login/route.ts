// POST /api/auth/login — email + password → session cookie.
import { cookies } from "next/headers";
import { AppError } from "@/lib/domain/errors";
import { rateLimit } from "@/lib/api/rate-limit";
import { clientIp, route } from "@/lib/api/route";
import { ZLogin } from "@/lib/domain/schemas";
import { sessionCookie } from "@/lib/auth/session";
import { createSession, verifyCredentials } from "@/lib/server/users";

export const POST = route({ access: "public", body: ZLogin }, async ({ req, body }) => {
  // Per account and address: slows password guessing without locking out a whole office behind one IP.
  rateLimit(`login:${body.email}:${clientIp(req)}`, 20);
  const user = await verifyCredentials(body.email, body.password);
  if (!user) throw new AppError("unauthenticated", "Email or password is incorrect.");
  const { token, expiresAt } = await createSession(user.id);
  (await cookies()).set(sessionCookie(token, expiresAt, req));
  return { user };
});
