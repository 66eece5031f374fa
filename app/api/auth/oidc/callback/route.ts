// GET /api/auth/oidc/callback — the provider's answer → our session cookie, then 302 to /assessments
// (or to /login?error=<code> saying why not).
import { NextResponse, type NextRequest } from "next/server";
import { clientAddress, peerAddress } from "@/lib/api/client-address";
import { publicUrl } from "@/lib/api/public-url";
import { CALLBACK_PATH, clearedFlowCookie, completeSignIn, FLOW_COOKIE, oidcSettings } from "@/lib/auth/oidc";
import { sessionCookie } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { signInWithOidc } from "@/lib/server/identities";
import { createSession } from "@/lib/server/users";
import { signInFailed } from "../sign-in-failed";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return new NextResponse(null, { status: 404 });
  const callbackUrl = publicUrl(req, CALLBACK_PATH);
  let res: NextResponse;
  try {
    const identity = await completeSignIn(
      settings,
      callbackUrl,
      req.nextUrl.searchParams,
      req.cookies.get(FLOW_COOKIE)?.value,
    );
    const user = await signInWithOidc(identity);
    const { token, expiresAt } = await createSession(user.id, {
      userAgent: req.headers.get("user-agent") ?? undefined,
      ip: clientAddress(req, env.TRUST_PROXY, peerAddress(req)) ?? undefined,
      method: "oidc",
    });
    res = NextResponse.redirect(publicUrl(req, "/assessments"), 302);
    res.cookies.set(sessionCookie(token, expiresAt, req));
  } catch (err) {
    res = signInFailed(req, err);
  }
  res.cookies.set(clearedFlowCookie(callbackUrl));
  return res;
}
