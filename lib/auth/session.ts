// Who is calling: a session cookie (browser) or a personal API token (`Authorization: Bearer`),
// turned into the Principal every data operation takes.
import "server-only";
import { cookies } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import type { Principal, UserPrincipal } from "@/lib/domain/principal";
import { authorizeAssessment, type AssessmentRight } from "@/lib/server/access";
import { findSessionUser, findTokenPrincipal } from "@/lib/server/users";

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

/** The caller of an API request; null when anonymous or when the credential is not (or no longer) valid. */
export async function principalFromRequest(req: Request): Promise<UserPrincipal | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ? findTokenPrincipal(match[1]) : null;
  }
  return sessionPrincipal();
}

async function sessionPrincipal(): Promise<UserPrincipal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  const user = token ? await findSessionUser(token) : null;
  return user ? { kind: "user", user, via: "session", scope: "write", sessionToken: token } : null;
}

/**
 * For server components: the signed-in person, or a redirect to the sign-in page. Every page that
 * reads data calls this itself (layouts render in parallel with pages and guard nothing).
 */
export async function requirePrincipal(): Promise<UserPrincipal> {
  const principal = await sessionPrincipal();
  if (!principal) redirect("/login");
  return principal;
}

/** For admin pages: administrators only; members get the 403 page (app/forbidden.tsx). */
export async function requireAdminPrincipal(): Promise<UserPrincipal> {
  const principal = await requirePrincipal();
  if (principal.user.role !== "admin") forbidden();
  return principal;
}

/** The signed-in person, if any (sign-in and start pages). */
export async function currentPrincipal(): Promise<Principal | null> {
  return sessionPrincipal();
}

/**
 * For pages of one assessment: the signed-in person, after the data layer's own guard agreed they
 * may `right` it. Outside their teams the page is a 404, within it without the right a 403.
 */
export async function requireAssessmentPage(
  id: string,
  right: AssessmentRight = "read",
): Promise<UserPrincipal> {
  const principal = await requirePrincipal();
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    await authorizeAssessment(principal, id, right);
  } catch (err) {
    if (err instanceof AppError && err.code === "not-found") notFound();
    if (err instanceof AppError && err.code === "forbidden") forbidden();
    throw err;
  }
  return principal;
}
