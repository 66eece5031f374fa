// Both OIDC routes end a failed attempt the same way: back to the sign-in page with a code it explains.
import { NextResponse } from "next/server";
import { publicUrl } from "@/lib/api/public-url";
import { OidcSignInError } from "@/lib/auth/oidc";
import { isSignInErrorCode, type SignInErrorCode } from "@/lib/domain/sign-in-errors";
import { AppError } from "@/lib/domain/errors";

function codeOf(err: unknown): SignInErrorCode {
  if (err instanceof OidcSignInError) return err.code;
  const reason = err instanceof AppError ? err.extra.reason : undefined;
  return isSignInErrorCode(reason) ? reason : "oidc-failed";
}

/** The details (provider errors, causes) go to the server log only, never into the redirect. */
export function signInFailed(req: Request, err: unknown): NextResponse {
  const code = codeOf(err);
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : "";
  console.warn(
    `[oidc] sign-in failed (${code}): ${err instanceof Error ? err.message : String(err)}${cause}`,
  );
  return NextResponse.redirect(publicUrl(req, `/login?error=${code}`), 302);
}
