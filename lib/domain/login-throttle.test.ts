import { describe, expect, it } from "vitest";
import { AppError } from "./errors";
import {
  bucketsFor,
  LIMITS,
  throttledSignIn,
  WINDOW_MS,
  type CounterWindow,
  type Counters,
  type LoginAttempt,
} from "./login-throttle";

/** The same fixed-window semantics as the database counters, in a Map. */
function memoryCounters(): Counters & { rows: Map<string, { count: number; windowStart: Date }> } {
  const rows = new Map<string, { count: number; windowStart: Date }>();
  return {
    rows,
    hit(key, windowMs, now): Promise<CounterWindow> {
      const row = rows.get(key);
      const next =
        !row || row.windowStart.getTime() <= now.getTime() - windowMs
          ? { count: 1, windowStart: now }
          : { count: row.count + 1, windowStart: row.windowStart };
      rows.set(key, next);
      return Promise.resolve({ ...next, resetAt: new Date(next.windowStart.getTime() + windowMs) });
    },
    release(key, windowStart) {
      const row = rows.get(key);
      if (row && row.windowStart.getTime() === windowStart.getTime() && row.count > 0) row.count -= 1;
      return Promise.resolve();
    },
    reset(key) {
      rows.delete(key);
      return Promise.resolve();
    },
  };
}

const PASSWORD = "right";
const T0 = new Date("2026-11-30T10:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

/** One sign-in: "ok" (signed in), "wrong" (refused by the password check) or 429's Retry-After. */
async function signIn(
  counters: Counters,
  attempt: Partial<LoginAttempt> & { password: string },
  now = T0,
): Promise<"ok" | "wrong" | { retryAfter: number; verified: boolean }> {
  let verified = false;
  const full: LoginAttempt = { email: "ada@example.com", address: "203.0.113.7", device: null, ...attempt };
  try {
    const user = await throttledSignIn(
      counters,
      full,
      () => {
        verified = true;
        return Promise.resolve(attempt.password === PASSWORD ? { id: "u1" } : null);
      },
      now,
    );
    return user ? "ok" : "wrong";
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "rate-limited") throw e;
    return { retryAfter: e.extra.retryAfter as number, verified };
  }
}

const ip = (i: number) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`;

describe("buckets", () => {
  it("counts a stranger per account, per address and per (account, address)", () => {
    expect(bucketsFor({ email: " Ada@Example.com", address: "203.0.113.7", device: null })).toEqual([
      { key: "login:account:ada@example.com", limit: LIMITS.account, clearOnSuccess: false },
      { key: "login:pair:ada@example.com:203.0.113.7", limit: LIMITS.pair, clearOnSuccess: true },
      { key: "login:address:203.0.113.7", limit: LIMITS.address, clearOnSuccess: false },
    ]);
  });

  it("counts a known device on its own", () => {
    expect(bucketsFor({ email: "ada@example.com", address: "203.0.113.7", device: "d1" })).toEqual([
      { key: "login:device:d1", limit: LIMITS.device, clearOnSuccess: true },
    ]);
  });

  it("never puts unknown addresses in one shared bucket", () => {
    const keys = bucketsFor({ email: "ada@example.com", address: null, device: null }).map((b) => b.key);
    expect(keys).toEqual(["login:account:ada@example.com"]);
  });
});

describe("lockout of one account at one address", () => {
  it("refuses after the limit, without checking the password, until the window ends", async () => {
    const c = memoryCounters();
    for (let i = 0; i < LIMITS.pair; i++) expect(await signIn(c, { password: "guess" })).toBe("wrong");
    expect(await signIn(c, { password: PASSWORD }, later(60_000))).toEqual({
      retryAfter: (WINDOW_MS - 60_000) / 1000,
      verified: false,
    });
    expect(await signIn(c, { password: PASSWORD }, later(WINDOW_MS))).toBe("ok");
  });

  it("does not stop the right password from another address", async () => {
    const c = memoryCounters();
    for (let i = 0; i < 50; i++) await signIn(c, { password: "guess" });
    expect(await signIn(c, { password: PASSWORD, address: "192.0.2.1" })).toBe("ok");
  });

  it("does not let refused guesses use up the account-wide budget", async () => {
    const c = memoryCounters();
    for (let i = 0; i < 5 * LIMITS.account; i++) await signIn(c, { password: "guess" });
    expect(c.rows.get("login:account:ada@example.com")?.count).toBe(LIMITS.pair);
  });

  it("forgets earlier failures after a success", async () => {
    const c = memoryCounters();
    for (let i = 0; i < LIMITS.pair - 1; i++) await signIn(c, { password: "guess" });
    expect(await signIn(c, { password: PASSWORD })).toBe("ok");
    for (let i = 0; i < LIMITS.pair; i++) expect(await signIn(c, { password: "guess" })).toBe("wrong");
  });

  it("counts parallel guesses before any password check finishes", async () => {
    const c = memoryCounters();
    const results = await Promise.all(Array.from({ length: 40 }, () => signIn(c, { password: "guess" })));
    expect(results.filter((r) => r === "wrong")).toHaveLength(LIMITS.pair);
  });
});

describe("spraying one account from many addresses", () => {
  it("stops strangers after the account-wide limit", async () => {
    const c = memoryCounters();
    const results = [];
    for (let i = 0; i < 100; i++) results.push(await signIn(c, { password: "guess", address: ip(i) }));
    expect(results.filter((r) => r === "wrong")).toHaveLength(LIMITS.account);
    expect(results.slice(LIMITS.account).every((r) => typeof r === "object" && !r.verified)).toBe(true);
  });

  it("still lets the owner in from a known device, at any address", async () => {
    const c = memoryCounters();
    for (let i = 0; i < 100; i++) await signIn(c, { password: "guess", address: ip(i) });
    expect(await signIn(c, { password: "guess", address: ip(3) })).toMatchObject({ verified: false });
    expect(await signIn(c, { password: PASSWORD, address: ip(3), device: "d1" })).toBe("ok");
    expect(await signIn(c, { password: PASSWORD, address: null, device: "d1" })).toBe("ok");
  });

  it("limits guesses made with a (stolen) device token", async () => {
    const c = memoryCounters();
    for (let i = 0; i < LIMITS.device; i++) {
      expect(await signIn(c, { password: "guess", address: ip(i), device: "d1" })).toBe("wrong");
    }
    expect(await signIn(c, { password: PASSWORD, device: "d1" })).toMatchObject({ verified: false });
    expect(await signIn(c, { password: PASSWORD, device: "d2" })).toBe("ok");
  });
});

describe("spraying many accounts from one address", () => {
  it("stops the address after its limit, for every account", async () => {
    const c = memoryCounters();
    const results = [];
    for (let i = 0; i < 100; i++)
      results.push(await signIn(c, { password: "guess", email: `u${i}@example.com` }));
    expect(results.filter((r) => r === "wrong")).toHaveLength(LIMITS.address);
    expect(await signIn(c, { password: PASSWORD, email: "fresh@example.com" })).toMatchObject({
      verified: false,
    });
  });

  it("leaves other addresses alone", async () => {
    const c = memoryCounters();
    for (let i = 0; i < 100; i++) await signIn(c, { password: "guess", email: `u${i}@example.com` });
    expect(await signIn(c, { password: PASSWORD, email: "u1@example.com", address: "192.0.2.1" })).toBe("ok");
  });

  it("does not count successful sign-ins against the address", async () => {
    const c = memoryCounters();
    for (let i = 0; i < 2 * LIMITS.address; i++) {
      expect(await signIn(c, { password: PASSWORD, email: `u${i}@example.com` })).toBe("ok");
    }
    expect(c.rows.get("login:address:203.0.113.7")?.count).toBe(0);
  });
});

describe("when the address is unknown", () => {
  it("limits each account, not every client together", async () => {
    const c = memoryCounters();
    for (let i = 0; i < LIMITS.account; i++) await signIn(c, { password: "guess", address: null });
    expect(await signIn(c, { password: PASSWORD, address: null })).toMatchObject({ verified: false });
    expect(await signIn(c, { password: PASSWORD, address: null, email: "bob@example.com" })).toBe("ok");
  });
});
