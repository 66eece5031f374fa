// Sign-in throttling policy, after OWASP's "device cookies" scheme: failures are counted per
// (account, address), per address across accounts (one address spraying many accounts) and per
// account across addresses (many addresses spraying one account). That last limit only binds clients
// the account has not signed in from before: a browser holding a valid device token for the account
// is counted on its own, so an attacker can make the account wait for strangers but never for its
// owner's browsers. A correct password from an address that is not locked also still gets in.
import { AppError } from "./errors";

export const WINDOW_MS = 15 * 60_000;

/** Failures allowed per window. */
export const LIMITS = {
  /** One account from one address: a user mistyping, or a guesser on one connection. */
  pair: 5,
  /** One address across every account it tries. */
  address: 30,
  /** One account from every client that holds no device token for it. */
  account: 20,
  /** One device token: a stolen one buys a few guesses, not the account-wide budget. */
  device: 10,
} as const;

export interface LoginAttempt {
  email: string;
  /** Null when the address cannot be known: then no per-address limit applies (see README). */
  address: string | null;
  /** Id of a device token already verified as issued to this account, else null. */
  device: string | null;
}

export interface Bucket {
  key: string;
  limit: number;
  /** A success clears it; other buckets only take the attempt back (successes are not failures). */
  clearOnSuccess: boolean;
}

export function bucketsFor({ email, address, device }: LoginAttempt): Bucket[] {
  const account = email.trim().toLowerCase();
  if (device) return [{ key: `login:device:${device}`, limit: LIMITS.device, clearOnSuccess: true }];
  const buckets: Bucket[] = [
    { key: `login:account:${account}`, limit: LIMITS.account, clearOnSuccess: false },
  ];
  if (address) {
    buckets.push(
      { key: `login:pair:${account}:${address}`, limit: LIMITS.pair, clearOnSuccess: true },
      { key: `login:address:${address}`, limit: LIMITS.address, clearOnSuccess: false },
    );
  }
  return buckets;
}

export interface CounterWindow {
  count: number;
  windowStart: Date;
  resetAt: Date;
}

/** The counter store (lib/server/rate-limits.ts in the app; a Map in tests). */
export interface Counters {
  hit(key: string, windowMs: number, now: Date): Promise<CounterWindow>;
  release(key: string, windowStart: Date): Promise<void>;
  reset(key: string): Promise<void>;
}

export const retryAfterSeconds = (resetAt: Date, now: Date) =>
  Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));

export const rateLimited = (retryAfter: number, what = "Too many requests") =>
  new AppError("rate-limited", `${what}; try again in ${retryAfter} s.`, { retryAfter });

/**
 * Runs `verify` (the password check) only when no bucket is over its limit, and counts it only when it
 * fails. Every bucket is counted *before* verifying, so parallel guesses cannot all slip under the
 * limit; a refused attempt is taken back, so guesses refused at one address do not use up the
 * account-wide budget that protects the owner elsewhere.
 */
export async function throttledSignIn<T>(
  counters: Counters,
  attempt: LoginAttempt,
  verify: () => Promise<T | null>,
  now = new Date(),
): Promise<T | null> {
  const buckets = bucketsFor(attempt);
  const windows = await Promise.all(buckets.map((b) => counters.hit(b.key, WINDOW_MS, now)));
  const over = windows.filter((w, i) => w.count > buckets[i]!.limit);
  if (over.length > 0) {
    await Promise.all(buckets.map((b, i) => counters.release(b.key, windows[i]!.windowStart)));
    const resetAt = Math.max(...over.map((w) => w.resetAt.getTime()));
    throw rateLimited(retryAfterSeconds(new Date(resetAt), now), "Too many failed sign-in attempts");
  }
  const result = await verify();
  if (result !== null) {
    await Promise.all(
      buckets.map((b, i) =>
        b.clearOnSuccess ? counters.reset(b.key) : counters.release(b.key, windows[i]!.windowStart),
      ),
    );
  }
  return result;
}
