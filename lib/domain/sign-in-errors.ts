// Why a single sign-on attempt failed, as a code in the /login?error= redirect and the sentence the
// sign-in page shows for it. Fixed sentences only: nothing from the provider or the URL is echoed.

export const SIGN_IN_ERRORS = {
  "oidc-unavailable": "The identity provider could not be reached. Try again in a moment.",
  "oidc-cancelled": "Sign-in was cancelled at the identity provider.",
  "oidc-failed": "Single sign-on did not complete (the attempt may have expired). Please try again.",
  "account-disabled": "This account has been deactivated. Ask an administrator.",
  "email-missing": "The identity provider did not share an email address, which an account needs.",
  "email-unverified":
    "An account with this email exists, but the identity provider does not confirm the address is yours. Sign in with your password, or ask an administrator.",
  "setup-pending":
    "Kubeready is not set up yet: the first administrator must complete setup before single sign-on works.",
  "identity-conflict":
    "This email belongs to an account linked to a different identity. Ask an administrator.",
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

export const isSignInErrorCode = (v: unknown): v is SignInErrorCode =>
  typeof v === "string" && Object.hasOwn(SIGN_IN_ERRORS, v);

/** The message for `?error=<code>`; null for anything that is not one of our codes. */
export const signInErrorMessage = (code: unknown): string | null =>
  isSignInErrorCode(code) ? SIGN_IN_ERRORS[code] : null;
