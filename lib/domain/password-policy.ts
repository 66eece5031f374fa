// The password rule, applied wherever a password is set (setup, new user, change, reset). It follows
// NIST SP 800-63B: a length floor, no composition rules, and a refusal of passwords that attackers
// try first — the commonest ones and those made of the account's own details.
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "./errors";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
/** Fewer distinct characters than this ("aaaaaaaaaaaa", "abababababab") is a pattern, not a secret. */
const MIN_DISTINCT_CHARACTERS = 5;
/** Shorter names and local parts ("max", "al") occur inside too many good passwords to refuse them. */
const MIN_PERSONAL_LENGTH = 4;

/** What the password must not contain: the account's email and name, when known. */
export interface PasswordContext {
  email?: string;
  name?: string;
}

// zxcvbn's list: the ~49,000 most frequent passwords of the leaked-password corpus it was built
// from, most frequent first, all lower-case (MIT, via @zxcvbn-ts/language-common). Built on first use.
let common: Set<string> | undefined;
const commonPasswords = () => (common ??= new Set(dictionary["passwords-common"]));

/** Letters and digits only, lower-case: "Ada.Lovelace" and "ada lovelace" compare equal. */
const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The password and its stem without trailing digits, symbols and spaces: "Password1234!" is
 * "password1234!" and "password" — people meet a length rule by appending digits to a common word.
 */
function commonForms(password: string): string[] {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[^\p{L}]+$/u, "");
  return stem && stem !== lower ? [lower, stem] : [lower];
}

export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return commonForms(password).some((form) => list.has(form));
}

/** Why the password's content is refused given the account's details, or null. */
export function personalPasswordProblem(password: string, context: PasswordContext): string | null {
  const squashed = squash(password);
  const contains = (value: string | undefined) => {
    const v = squash(value ?? "");
    return v.length >= MIN_PERSONAL_LENGTH && squashed.includes(v);
  };
  const email = context.email?.trim();
  if (contains(email) || contains(email?.split("@")[0])) {
    return "Don't use your email address in your password.";
  }
  if (contains(context.name)) return "Don't use your name in your password.";
  if (contains("kubeready")) return "Don't use the name of this application in your password.";
  return null;
}

/** Why the password is refused, or null when it is acceptable. The first reason found, in plain words. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (new Set(password.toLowerCase()).size < MIN_DISTINCT_CHARACTERS) {
    return "This password is too repetitive; use more different characters.";
  }
  if (isCommonPassword(password)) {
    return "This is one of the most commonly used passwords (digits or symbols added at the end don't change that). Choose another.";
  }
  return personalPasswordProblem(password, context);
}

/**
 * For the data layer, which re-checks every password it stores (the request schemas may not know
 * the account): a validation error on the field `path`, as the route wrapper reports zod issues.
 */
export function assertPasswordPolicy(password: string, context: PasswordContext, path = "password"): void {
  const problem = passwordProblem(password, context);
  if (problem) throw new AppError("validation", problem, { errors: [{ path, message: problem }] });
}
