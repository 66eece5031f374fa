// GET /api/auth/oidc/login — sends the browser to the identity provider (302), with the flow cookie.
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/api/public-url";
import { beginSignIn, CALLBACK_PATH, oidcSettings } from "@/lib/auth/oidc";
import { signInFailed } from "../sign-in-failed";

export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return new NextResponse(null, { status: 404 });
  try {
    const { redirectTo, cookie } = await beginSignIn(settings, publicUrl(req, CALLBACK_PATH));
    const res = NextResponse.redirect(redirectTo, 302);
    res.cookies.set(cookie);
    return res;
  } catch (err) {
    return signInFailed(req, err);
  }
}
