// A person's own account: password change, admin-issued one-time reset links, and the sessions a
// person can see and sign out. Every password set here passes the password policy.
import "server-only";
import { AppError, forbidden, notFound, unauthenticated } from "@/lib/domain/errors";
import { assertPasswordPolicy } from "@/lib/domain/password-policy";
import { isAdmin, type Principal, type UserPrincipal } from "@/lib/domain/principal";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { hashPassword, newToken, sha256, verifyPassword } from "./crypto";
import { recordAudit } from "./audit";
import { db } from "./db";

/**
 * How long a reset link works. A day covers "the admin sent it this afternoon, I open it tomorrow
 * morning"; longer leaves a usable credential sitting in chat histories and mailboxes.
 */
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** A signed-in person allowed to change things (not the system, a share link or a read-only token). */
function writer(principal: Principal): UserPrincipal {
  if (principal.kind !== "user") throw unauthenticated();
  if (principal.scope !== "write") throw forbidden("This API token is read-only.");
  return principal;
}

/** What the account page shows about the caller's own account. */
export async function accountSummary(
  principal: Principal,
): Promise<{ email: string; name: string; hasPassword: boolean; passwordChangedAt: Date | null }> {
  if (principal.kind !== "user") throw unauthenticated();
  const user = await (
    await db()
  ).user.findUnique({
    where: { id: principal.user.id },
    select: { email: true, name: true, passwordHash: true, passwordChangedAt: true },
  });
  if (!user) throw unauthenticated();
  const { passwordHash, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null };
}

/**
 * Changes the caller's password. Only from a browser session: an API token is meant for CI, and one
 * that leaked must not be able to take the account over. Accounts without a password (they sign in
 * through the identity provider) are refused: a password would bypass the provider's own controls
 * (MFA, offboarding); an administrator's reset link is the deliberate way to give them one.
 * Signs out every other session of the account and cancels its pending reset links.
 */
export async function changePassword(
  principal: Principal,
  currentPassword: string,
  newPassword: string,
): Promise<{ revokedSessions: number }> {
  const caller = writer(principal);
  if (caller.via !== "session" || !caller.sessionToken) {
    throw forbidden("Change your password from a signed-in browser session, not with an API token.");
  }
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { id: caller.user.id },
    select: { email: true, name: true, passwordHash: true },
  });
  if (!user) throw unauthenticated();
  if (!user.passwordHash) {
    throw new AppError(
      "conflict",
      "This account signs in through your identity provider and has no password.",
    );
  }
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    const message = "Your current password is not correct.";
    throw new AppError("validation", message, { errors: [{ path: "currentPassword", message }] });
  }
  assertPasswordPolicy(newPassword, user, "newPassword");
  if (await verifyPassword(user.passwordHash, newPassword)) {
    const message = "Choose a password different from your current one.";
    throw new AppError("validation", message, { errors: [{ path: "newPassword", message }] });
  }
  const passwordHash = await hashPassword(newPassword);
  const currentSessionId = sha256(caller.sessionToken);
  return prisma.$transaction(async (tx) => {
    const count = await replacePassword(tx, caller.user.id, passwordHash, new Date(), currentSessionId);
    await recordAudit(tx, {
      actorId: caller.user.id,
      action: "user.password-change",
      entityType: "user",
      entityId: caller.user.id,
      summary: `${user.email} changed their password; ${count} other session(s) signed out`,
    });
    return { revokedSessions: count };
  });
}

/**
 * A new password signs out every session but the one that set it (if any) and voids outstanding
 * reset links, whichever way it was set. Returns how many sessions were signed out.
 */
async function replacePassword(
  tx: P.TransactionClient,
  userId: string,
  passwordHash: string,
  now: Date,
  keepSessionId?: string,
): Promise<number> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
  const { count } = await tx.session.deleteMany({
    where: keepSessionId ? { userId, id: { not: keepSessionId } } : { userId },
  });
  await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
  return count;
}

/**
 * An administrator issues a one-time reset link for a user (to hand over privately). Only the
 * token's sha256 is stored; issuing a new link cancels the user's earlier unused ones.
 */
export async function issuePasswordReset(
  principal: Principal,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const caller = writer(principal);
  if (!isAdmin(caller)) throw forbidden("Only administrators can issue password reset links.");
  const prisma = await db();
  const token = newToken();
  const expiresAt = new Date(Date.now() + RESET_TTL_MS);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, active: true } });
    if (!user) throw notFound("User");
    if (!user.active) throw new AppError("conflict", "This user is deactivated; reactivate them first.");
    await tx.passwordReset.deleteMany({ where: { userId, usedAt: null } });
    await tx.passwordReset.create({
      data: { userId, tokenHash: sha256(token), createdById: caller.user.id, expiresAt },
    });
    await recordAudit(tx, {
      actorId: caller.user.id,
      action: "user.password-reset-issue",
      entityType: "user",
      entityId: userId,
      summary: `Issued a password reset link for ${user.email}, valid until ${expiresAt.toISOString()}`,
    });
  });
  return { token, expiresAt };
}

// Unknown, used, expired and deactivated all read the same: the link proves nothing else.
const invalidLink = () =>
  new AppError(
    "not-found",
    "This reset link is not valid: it was already used, has expired or was replaced. Ask an administrator for a new one.",
  );

async function usableReset(token: string) {
  const reset = await (
    await db()
  ).passwordReset.findUnique({
    where: { tokenHash: sha256(token) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, active: true } },
    },
  });
  if (!reset || reset.usedAt || reset.expiresAt <= new Date() || !reset.user.active) return null;
  return reset;
}

/** For the reset page: whose link this is, or null when it cannot be used. Reading does not use it up. */
export async function describePasswordReset(
  token: string,
): Promise<{ email: string; expiresAt: Date } | null> {
  const reset = await usableReset(token);
  return reset ? { email: reset.user.email, expiresAt: reset.expiresAt } : null;
}

/**
 * Sets a new password with a reset link. The bearer of the link is the principal. The policy is
 * checked before the link is used up, so a refused password does not cost the user their link; the
 * link is then consumed atomically (one of two concurrent uses wins). Signs out every session.
 */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  const reset = await usableReset(token);
  if (!reset) throw invalidLink();
  assertPasswordPolicy(newPassword, reset.user, "newPassword");
  const passwordHash = await hashPassword(newPassword);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw invalidLink();
    await replacePassword(tx, reset.user.id, passwordHash, now);
    await recordAudit(tx, {
      actorId: reset.user.id,
      action: "user.password-reset",
      entityType: "user",
      entityId: reset.user.id,
      summary: `${reset.user.email} set a new password with a reset link; all sessions signed out`,
    });
  });
}

export interface SessionDto {
  publicId: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string;
  ip: string;
  method: string;
  /** The session this request came with. */
  current: boolean;
}

/** The caller's live sessions, most recently used first. */
export async function listSessions(principal: Principal): Promise<SessionDto[]> {
  if (principal.kind !== "user") throw unauthenticated();
  const currentId = principal.sessionToken ? sha256(principal.sessionToken) : null;
  const rows = await (
    await db()
  ).session.findMany({
    where: { userId: principal.user.id, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: {
      id: true,
      publicId: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      userAgent: true,
      ip: true,
      method: true,
    },
  });
  // The id is the hash of the secret: compared here, never returned.
  return rows.map(({ id, ...row }) => ({ ...row, current: id === currentId }));
}

/** Signs out one of the caller's own sessions (someone else's reads as not found). */
export async function revokeSession(principal: Principal, publicId: string): Promise<void> {
  const caller = writer(principal);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.session.deleteMany({ where: { publicId, userId: caller.user.id } });
    if (count === 0) throw notFound("Session");
    await recordAudit(tx, {
      actorId: caller.user.id,
      action: "session.revoke",
      entityType: "user",
      entityId: caller.user.id,
      summary: `${caller.user.email} signed out one of their sessions`,
      before: { session: publicId },
    });
  });
}

/**
 * An administrator signs a user out everywhere (a lost laptop, a departure). When they do it to
 * themselves, the session they act from stays.
 */
export async function revokeUserSessions(principal: Principal, userId: string): Promise<{ revoked: number }> {
  const caller = writer(principal);
  if (!isAdmin(caller)) throw forbidden("Only administrators can sign other users out.");
  const keep = userId === caller.user.id && caller.sessionToken ? sha256(caller.sessionToken) : undefined;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw notFound("User");
    const { count } = await tx.session.deleteMany({
      where: { userId, ...(keep ? { id: { not: keep } } : {}) },
    });
    await recordAudit(tx, {
      actorId: caller.user.id,
      action: "session.revoke-all",
      entityType: "user",
      entityId: userId,
      summary: `Signed ${user.email} out of ${count} session(s)`,
    });
    return { revoked: count };
  });
}
