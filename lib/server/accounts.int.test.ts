// Password change, reset links and sessions on real PostgreSQL and on PGlite, each freshly migrated.
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser, UserPrincipal } from "@/lib/domain/principal";
import { withEmptyAppDatabase } from "@/lib/testing/app-database";
import { rejects } from "@/lib/testing/assertions";
import { availableKinds } from "@/lib/testing/databases";
import {
  accountSummary,
  changePassword,
  describePasswordReset,
  issuePasswordReset,
  listSessions,
  resetPassword,
  revokeSession,
  revokeUserSessions,
} from "./accounts";
import { hashPassword, newToken, sha256, verifyPassword } from "./crypto";

const kinds = await availableKinds();

describe.each(kinds)("accounts on %s", (kind) => {
  const t = withEmptyAppDatabase(kind);
  let admin: SessionUser;
  let seq = 0;

  // Users and sessions are made directly, so these tests depend on nothing but accounts.ts.
  async function makeUser(role: "admin" | "member" = "member", password = "a long member password") {
    seq += 1;
    return t.database.prisma.user.create({
      data: {
        email: `user${seq}@example.com`,
        name: `Grace Hopper ${seq}`,
        role,
        passwordHash: await hashPassword(password),
      },
      select: { id: true, email: true, name: true, role: true },
    });
  }
  async function signIn(user: SessionUser, userAgent = "test"): Promise<UserPrincipal> {
    const token = newToken();
    await t.database.prisma.session.create({
      data: { id: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + 86_400_000), userAgent },
    });
    return { kind: "user", user, via: "session", scope: "write", sessionToken: token };
  }
  const sessionCount = (userId: string) => t.database.prisma.session.count({ where: { userId } });
  const storedHash = async (userId: string) =>
    (await t.database.prisma.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash!;
  const auditActions = async (entityId: string) =>
    (await t.database.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );

  beforeAll(async () => {
    admin = await makeUser("admin", "a long admin password");
  });

  describe("changePassword", () => {
    it("refuses a wrong current password and keeps the old one", async () => {
      const user = await makeUser();
      const me = await signIn(user);
      const err = await rejects(changePassword(me, "not my password", "vivid tundra lantern"), "validation");
      expect(err.extra.errors).toEqual([
        { path: "currentPassword", message: "Your current password is not correct." },
      ]);
      expect(await verifyPassword(await storedHash(user.id), "a long member password")).toBe(true);
    });

    it("applies the policy, with the account's own email", async () => {
      const user = await makeUser();
      const me = await signIn(user);
      const common = await rejects(
        changePassword(me, "a long member password", "password1234"),
        "validation",
      );
      expect(common.message).toMatch(/most commonly used/);
      const personal = await rejects(
        changePassword(me, "a long member password", `${user.email} again`),
        "validation",
      );
      expect(personal.message).toBe("Don't use your email address in your password.");
    });

    it("stores the new password hashed, keeps this session and signs out the others", async () => {
      const user = await makeUser();
      const me = await signIn(user);
      await signIn(user, "other laptop");
      await signIn(user, "phone");
      expect(await changePassword(me, "a long member password", "vivid tundra lantern")).toEqual({
        revokedSessions: 2,
      });
      const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash).not.toContain("vivid");
      expect(await verifyPassword(row.passwordHash!, "vivid tundra lantern")).toBe(true);
      expect(row.passwordChangedAt).toBeInstanceOf(Date);
      expect(await accountSummary(me)).toMatchObject({
        hasPassword: true,
        passwordChangedAt: row.passwordChangedAt,
      });
      const left = await listSessions(me);
      expect(left.map((s) => s.current)).toEqual([true]);
      expect(await auditActions(user.id)).toContain("user.password-change");
    });

    it("is refused to API tokens and to accounts without a password", async () => {
      const user = await makeUser();
      const token: UserPrincipal = { kind: "user", user, via: "token", scope: "write" };
      await rejects(changePassword(token, "a long member password", "vivid tundra lantern"), "forbidden");
      const idpOnly = await t.database.prisma.user.create({
        data: { email: "sso@example.com", name: "Sso Only", role: "member" },
        select: { id: true, email: true, name: true, role: true },
      });
      const sso = await signIn(idpOnly);
      expect(await accountSummary(sso)).toMatchObject({ hasPassword: false, passwordChangedAt: null });
      await rejects(changePassword(sso, "", "vivid tundra lantern"), "conflict");
    });
  });

  describe("password reset links", () => {
    it("only administrators with write access can issue them", async () => {
      const member = await makeUser();
      const target = await makeUser();
      await rejects(issuePasswordReset(await signIn(member), target.id), "forbidden");
      const readOnly: UserPrincipal = { kind: "user", user: admin, via: "token", scope: "read" };
      await rejects(issuePasswordReset(readOnly, target.id), "forbidden");
      await rejects(
        issuePasswordReset({ kind: "share", assessmentId: target.id }, target.id),
        "unauthenticated",
      );
      expect(await t.database.prisma.passwordReset.count({ where: { userId: target.id } })).toBe(0);
    });

    it("stores only the token's hash and expires after 24 hours", async () => {
      const target = await makeUser();
      const before = Date.now();
      const { token, expiresAt } = await issuePasswordReset(await signIn(admin), target.id);
      const row = await t.database.prisma.passwordReset.findFirstOrThrow({ where: { userId: target.id } });
      expect(row.tokenHash).toBe(sha256(token));
      expect(JSON.stringify(row)).not.toContain(token);
      expect(expiresAt.getTime() - before).toBeGreaterThanOrEqual(24 * 3_600_000);
      expect(expiresAt.getTime() - before).toBeLessThan(24 * 3_600_000 + 60_000);
      expect(row.createdById).toBe(admin.id);
      expect(await auditActions(target.id)).toContain("user.password-reset-issue");
    });

    it("works once, signs out every session, and refuses a common password without using the link up", async () => {
      const target = await makeUser();
      await signIn(target);
      await signIn(target);
      const { token } = await issuePasswordReset(await signIn(admin), target.id);
      expect(await describePasswordReset(token)).toMatchObject({ email: target.email });

      const refused = await rejects(resetPassword(token, "password1234"), "validation");
      expect(refused.message).toMatch(/most commonly used/);
      expect(await sessionCount(target.id)).toBe(2);

      await resetPassword(token, "vivid tundra lantern");
      expect(await verifyPassword(await storedHash(target.id), "vivid tundra lantern")).toBe(true);
      expect(await sessionCount(target.id)).toBe(0);
      expect(await auditActions(target.id)).toContain("user.password-reset");

      await rejects(resetPassword(token, "another vivid tundra"), "not-found");
      expect(await describePasswordReset(token)).toBeNull();
      expect(await verifyPassword(await storedHash(target.id), "vivid tundra lantern")).toBe(true);
    });

    it("lets only one of two concurrent uses win", async () => {
      const target = await makeUser();
      const { token } = await issuePasswordReset(await signIn(admin), target.id);
      const results = await Promise.allSettled([
        resetPassword(token, "first vivid tundra"),
        resetPassword(token, "second vivid tundra"),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    });

    it("refuses expired, unknown and replaced links alike", async () => {
      const target = await makeUser();
      const adminSession = await signIn(admin);
      const first = await issuePasswordReset(adminSession, target.id);
      const second = await issuePasswordReset(adminSession, target.id);
      const replaced = await rejects(resetPassword(first.token, "vivid tundra lantern"), "not-found");

      await t.database.prisma.passwordReset.updateMany({
        where: { tokenHash: sha256(second.token) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      const expired = await rejects(resetPassword(second.token, "vivid tundra lantern"), "not-found");
      const unknown = await rejects(resetPassword(newToken(), "vivid tundra lantern"), "not-found");
      expect(new Set([replaced.message, expired.message, unknown.message]).size).toBe(1);
      expect(await verifyPassword(await storedHash(target.id), "a long member password")).toBe(true);
    });

    it("applies the policy with the user's own name", async () => {
      const target = await makeUser();
      const { token } = await issuePasswordReset(await signIn(admin), target.id);
      const err = await rejects(resetPassword(token, `i am ${target.name}!`), "validation");
      expect(err.message).toBe("Don't use your name in your password.");
    });
  });

  describe("sessions", () => {
    it("lists only the caller's live sessions, marking the current one, without secrets", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const me = await signIn(user, "Firefox");
      await signIn(user, "Chrome");
      await signIn(other, "Safari");
      await t.database.prisma.session.create({
        data: { id: sha256(newToken()), userId: user.id, expiresAt: new Date(Date.now() - 1000) },
      });
      const sessions = await listSessions(me);
      expect(sessions.map((s) => [s.userAgent, s.current]).sort()).toEqual([
        ["Chrome", false],
        ["Firefox", true],
      ]);
      expect(JSON.stringify(sessions)).not.toContain(sha256(me.sessionToken!));
    });

    it("revokes the caller's own session, and treats someone else's as not found", async () => {
      const user = await makeUser();
      const other = await makeUser();
      const me = await signIn(user);
      await signIn(user, "old laptop");
      await signIn(other);
      const [theirs] = await listSessions(await signIn(other));
      await rejects(revokeSession(me, theirs!.publicId), "not-found");
      expect(await sessionCount(other.id)).toBe(2);

      const laptop = (await listSessions(me)).find((s) => !s.current)!;
      await revokeSession(me, laptop.publicId);
      expect((await listSessions(me)).map((s) => s.current)).toEqual([true]);
      expect(await auditActions(user.id)).toContain("session.revoke");
    });

    it("lets administrators, and only them, sign a user out everywhere", async () => {
      const user = await makeUser();
      await signIn(user);
      await signIn(user);
      await rejects(revokeUserSessions(await signIn(await makeUser()), user.id), "forbidden");
      expect(await revokeUserSessions(await signIn(admin), user.id)).toEqual({ revoked: 2 });
      expect(await sessionCount(user.id)).toBe(0);
      expect(await auditActions(user.id)).toContain("session.revoke-all");
    });
  });
});
