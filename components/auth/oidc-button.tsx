import { Alert } from "@/components/ui/alert";
import { signInErrorMessage } from "@/lib/domain/sign-in-errors";

/**
 * "Sign in with <provider>": a plain link, not a fetch, because the sign-in leaves our site and
 * comes back through the provider's redirects.
 */
export function OidcButton({ displayName }: { displayName: string }) {
  return (
    <div className="mb-5 flex flex-col gap-4">
      <a
        href="/api/auth/oidc/login"
        className="inline-flex items-center justify-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-300 transition-colors hover:bg-slate-50"
      >
        Sign in with {displayName}
      </a>
      <p className="flex items-center gap-3 text-xs text-slate-500 before:h-px before:flex-1 before:bg-slate-200 after:h-px after:flex-1 after:bg-slate-200">
        or with your password
      </p>
    </div>
  );
}

/** Why the last single sign-on attempt failed (`/login?error=<code>`); nothing for unknown codes. */
export function SignInError({ code }: { code: unknown }) {
  const message = signInErrorMessage(code);
  return message ? (
    <div className="mb-4">
      <Alert tone="error">{message}</Alert>
    </div>
  ) : null;
}
