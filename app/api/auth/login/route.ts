// POST /api/auth/login — email + password → session cookie.
import { AppError } from "@/lib/api/errors";
import { route } from "@/lib/api/route";
import { ZLogin } from "@/lib/api/schemas";
import { sessionCookie } from "@/lib/auth/session";
import { createSession, verifyCredentials } from "@/lib/server/users";
import { cookies } from "next/headers";

export const POST = route({ access: "public", body: ZLogin, rateLimit: 10 }, async ({ req, body }) => {
  const user = await verifyCredentials(body.email, body.password);
  if (!user) throw new AppError("unauthenticated", "Email or password is incorrect.");
  const { token, expiresAt } = await createSession(user.id);
  (await cookies()).set(sessionCookie(token, expiresAt, new URL(req.url).protocol === "https:"));
  return { user };
});
