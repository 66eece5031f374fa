// The whole sign-in throttle — client address, database counters, device tokens, password check — on
// real PostgreSQL and on PGlite. It lives in lib/api because it starts from the request's headers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { LIMITS } from "@/lib/domain/login-throttle";
import { availableKinds, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { hashPassword } from "@/lib/server/crypto";
import { installDatabase } from "@/lib/server/db";
import { issueDeviceToken, knownDevice, throttleSignIn } from "@/lib/server/login-throttle";
import { verifyCredentials } from "@/lib/server/users";
import { clientAddress, parseTrustProxy } from "./client-address";

const kinds = await availableKinds();
const EMAIL = "ada@example.com";
const PASSWORD = "correct horse battery";
const PROXY = "10.0.0.2";

const ip = (i: number) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`;

interface Try {
  password: string;
  forwardedFor?: string;
  socket?: string;
  trustProxy?: string;
  deviceToken?: string;
  email?: string;
}

/** What POST /api/auth/login does before creating the session: "ok", "wrong" or "429". */
async function signIn({ password, forwardedFor, socket, trustProxy, deviceToken, email = EMAIL }: Try) {
  const req = new Request("http://app.test/api/auth/login", {
    method: "POST",
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  });
  const address = clientAddress(req, parseTrustProxy(trustProxy), socket);
  try {
    const user = await throttleSignIn({ email, address, deviceToken }, () =>
      verifyCredentials(email, password),
    );
    return user ? "ok" : "wrong";
  } catch (e) {
    if (e instanceof AppError && e.code === "rate-limited") return "429";
    throw e;
  }
}

const tally = (results: string[]) =>
  results.reduce<Record<string, number>>((n, r) => ({ ...n, [r]: (n[r] ?? 0) + 1 }), {});

describe.each(kinds)("sign-in throttle on %s", (kind) => {
  let t: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    installDatabase(t.database);
    const passwordHash = await hashPassword(PASSWORD);
    ({ id: userId } = await t.database.prisma.user.create({
      data: { email: EMAIL, name: "Ada", passwordHash, role: "admin" },
    }));
    await t.database.prisma.user.create({
      data: { email: "bob@example.com", name: "Bob", passwordHash, role: "member" },
    });
  });
  afterAll(async () => {
    await t.drop();
  });
  beforeEach(async () => {
    await t.database.prisma.rateLimitCounter.deleteMany();
  });

  describe("without a trusted proxy (TRUST_PROXY unset)", () => {
    it("gains nothing from rotating X-Forwarded-For when the peer is known", async () => {
      const results = [];
      for (let i = 0; i < 100; i++) {
        results.push(await signIn({ password: `guess ${i}`, forwardedFor: ip(i), socket: "203.0.113.66" }));
      }
      expect(tally(results)).toEqual({ wrong: LIMITS.pair, "429": 100 - LIMITS.pair });
      expect(await signIn({ password: PASSWORD, forwardedFor: ip(7), socket: "203.0.113.66" })).toBe("429");
      expect(await signIn({ password: PASSWORD, socket: "192.0.2.10" })).toBe("ok");
    });

    it("stops rotating X-Forwarded-For at the account limit when the peer is unknown", async () => {
      const results = [];
      for (let i = 0; i < 100; i++)
        results.push(await signIn({ password: `guess ${i}`, forwardedFor: ip(i) }));
      expect(tally(results)).toEqual({ wrong: LIMITS.account, "429": 100 - LIMITS.account });
      // Other accounts are not in the same bucket.
      expect(await signIn({ password: PASSWORD, email: "bob@example.com" })).toBe("ok");
      // The owner's browser is not either.
      expect(await signIn({ password: PASSWORD, deviceToken: (await issueDeviceToken(userId))! })).toBe("ok");
    });
  });

  describe("behind one proxy (TRUST_PROXY=1)", () => {
    it("stops a spray from 100 addresses while the owner's known device still signs in", async () => {
      const deviceToken = (await issueDeviceToken(userId))!;
      const results = [];
      for (let i = 0; i < 100; i++) {
        results.push(
          await signIn({ password: `guess ${i}`, forwardedFor: ip(i), socket: PROXY, trustProxy: "1" }),
        );
      }
      expect(tally(results)).toEqual({ wrong: LIMITS.account, "429": 100 - LIMITS.account });
      const owner = { password: PASSWORD, forwardedFor: "192.0.2.44", socket: PROXY, trustProxy: "1" };
      expect(await signIn(owner)).toBe("429");
      expect(await signIn({ ...owner, deviceToken })).toBe("ok");
      expect(
        await signIn({ ...owner, deviceToken: deviceToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")) }),
      ).toBe("429");
    });

    it("does not let a locked (account, address) pair stop the right password from elsewhere", async () => {
      const attacker = { forwardedFor: "6.6.6.6, 203.0.113.9", socket: PROXY, trustProxy: "1" };
      for (let i = 0; i < LIMITS.pair; i++)
        expect(await signIn({ ...attacker, password: "nope" })).toBe("wrong");
      expect(await signIn({ ...attacker, password: PASSWORD })).toBe("429");
      // Forging the client's part of the header does not move the attacker to a new bucket.
      expect(await signIn({ ...attacker, forwardedFor: "7.7.7.7, 203.0.113.9", password: PASSWORD })).toBe(
        "429",
      );
      expect(
        await signIn({ password: PASSWORD, forwardedFor: "192.0.2.44", socket: PROXY, trustProxy: "1" }),
      ).toBe("ok");
    });

    it("stops one address spraying many accounts", async () => {
      const from = { forwardedFor: "203.0.113.9", socket: PROXY, trustProxy: "1" };
      const results = [];
      for (let i = 0; i < 40; i++)
        results.push(await signIn({ ...from, email: `u${i}@example.com`, password: "x" }));
      expect(tally(results)).toEqual({ wrong: LIMITS.address, "429": 40 - LIMITS.address });
      expect(await signIn({ ...from, email: "bob@example.com", password: PASSWORD })).toBe("429");
    });
  });

  describe("device tokens", () => {
    it("belong to one account", async () => {
      const token = (await issueDeviceToken(userId))!;
      expect(await knownDevice(EMAIL, token)).toMatch(/^[\w-]{22}$/);
      expect(await knownDevice("bob@example.com", token)).toBeNull();
      expect(await knownDevice(EMAIL, "garbage")).toBeNull();
      expect(await knownDevice(EMAIL, undefined)).toBeNull();
    });

    it("are revoked by a password change", async () => {
      const bob = await t.database.prisma.user.findUniqueOrThrow({ where: { email: "bob@example.com" } });
      const token = (await issueDeviceToken(bob.id))!;
      expect(await knownDevice(bob.email, token)).not.toBeNull();
      await t.database.prisma.user.update({
        where: { id: bob.id },
        data: { passwordHash: await hashPassword("a new password") },
      });
      expect(await knownDevice(bob.email, token)).toBeNull();
    });
  });
});
