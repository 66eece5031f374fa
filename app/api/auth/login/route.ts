// POST /api/auth/login — email + password → session cookie, under the sign-in throttle.
import { cookies } from "next/headers";
import { clientAddress, peerAddress } from "@/lib/api/client-address";
import { route } from "@/lib/api/route";
import { sessionCookie } from "@/lib/auth/session";
import { AppError } from "@/lib/domain/errors";
import { ZLogin } from "@/lib/domain/schemas";
import { env } from "@/lib/env";
import { DEVICE_COOKIE, DEVICE_DAYS, issueDeviceToken, throttleSignIn } from "@/lib/server/login-throttle";
import { createSession, verifyCredentials } from "@/lib/server/users";

export const POST = route({ access: "public", body: ZLogin }, async ({ req, body }) => {
  const jar = await cookies();
  const address = clientAddress(req, env.TRUST_PROXY, peerAddress(req));
  const user = await throttleSignIn(
    { email: body.email, address, deviceToken: jar.get(DEVICE_COOKIE)?.value },
    () => verifyCredentials(body.email, body.password),
  );
  if (!user) throw new AppError("unauthenticated", "Email or password is incorrect.");
  const { token, expiresAt } = await createSession(user.id, {
    userAgent: req.headers.get("user-agent") ?? undefined,
    ip: address ?? undefined,
    method: "password",
  });
  jar.set(sessionCookie(token, expiresAt, req));
  // Same flags as the session cookie, but only sent back to sign-in: it exempts this browser from
  // the account-wide failure limit next time.
  const device = await issueDeviceToken(user.id);
  if (device) {
    const expires = new Date(Date.now() + DEVICE_DAYS * 86_400_000);
    jar.set({ ...sessionCookie(device, expires, req), name: DEVICE_COOKIE, path: "/api/auth" });
  }
  return { user };
});
