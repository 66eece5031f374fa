// Who is calling: a session cookie (browser) or a personal API token (`Authorization: Bearer`).
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findSessionUser, findTokenUser, type SessionUser } from "@/lib/server/users";

export const SESSION_COOKIE = "kr_session";

/** The session cookie for a response to `req`: Secure whenever the browser reached us over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, req: Request) {
  // Behind a TLS-terminating proxy the request URL says http; the proxy's header tells the truth.
  const secure =
    new URL(req.url).protocol === "https:" ||
    req.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    expires: expiresAt,
  };
}

export interface Caller {
  user: SessionUser;
  via: "session" | "token";
  sessionToken?: string;
}

export async function callerFromRequest(req: Request): Promise<Caller | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match?.[1] ? await findTokenUser(match[1]) : null;
    return user ? { user, via: "token" } : null;
  }
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const user = await findSessionUser(token);
  return user ? { user, via: "session", sessionToken: token } : null;
}

/** For server components: the signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = token ? await findSessionUser(token) : null;
  if (!user) redirect("/login");
  return user;
}

export async function currentUser(): Promise<SessionUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return token ? findSessionUser(token) : null;
}
