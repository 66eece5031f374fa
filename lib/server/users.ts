// Users, sessions and personal API tokens. The functions that establish who is asking (setup,
// credentials, session and token lookup) cannot take a principal; every other one does.
import "server-only";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal, SessionUser, UserPrincipal } from "@/lib/domain/principal";
import type { CreateToken, CreateUser, Setup, UpdateUser } from "@/lib/domain/schemas";
import { assertPasswordPolicy, passwordProblem } from "@/lib/domain/password-policy";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loggerFor } from "@/lib/observability/log";
import { actingUser, requireAdmin, requireUser } from "./access";
import { recordAudit } from "./audit";
import { dummyPasswordHash, hashPassword, newToken, sha256, verifyPassword } from "./crypto";
import { db } from "./db";
import { joinDefaultTeam } from "./teams";

export type { SessionUser };

/** Serialises whatever may create the first account (setup, a first single sign-on). */
export const FIRST_ACCOUNT_LOCK = 72019444;

const userSelect = { id: true, email: true, name: true, role: true } as const;
const userListSelect = { ...userSelect, active: true, createdAt: true } as const;

export async function countUsers(): Promise<number> {
  return (await db()).user.count();
}

/** Creates the first admin; refuses once any user exists (serialised by an advisory lock). */
export async function createFirstAdmin(input: Setup): Promise<SessionUser> {
  assertPasswordPolicy(input.password, input);
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("setup-complete", "An administrator already exists. Sign in instead.");
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "admin" },
      select: userSelect,
    });
    await joinDefaultTeam(tx, user.id);
    return user;
  });
}

/** Non-interactive setup: ADMIN_EMAIL/ADMIN_PASSWORD create the first administrator, once. */
export async function bootstrapAdminFromEnv(
  prisma: PrismaClient,
  credentials: { email?: string; password?: string } = {
    email: env.ADMIN_EMAIL,
    password: env.ADMIN_PASSWORD,
  },
): Promise<boolean> {
  const { email, password } = credentials;
  if (!email || !password) return false;
  if ((await prisma.user.count()) > 0) return false;
  const weak = passwordProblem(password, { email });
  if (weak) throw new Error(`ADMIN_PASSWORD is refused by the password policy: ${weak}`);
  const passwordHash = await hashPassword(password);
  // Replicas started together on an empty database all get here: one creates the account, the
  // others find it made once the lock is theirs (without the lock, their insert failed the start).
  const created = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
    if ((await tx.user.count()) > 0) return false;
    const user = await tx.user.create({
      data: { email: email.toLowerCase(), name: "Administrator", passwordHash, role: "admin" },
      select: { id: true },
    });
    await joinDefaultTeam(tx, user.id);
    return true;
  });
  if (!created) return false;
  loggerFor("auth").info({ email }, "created the administrator from ADMIN_EMAIL");
  return true;
}

export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { ...userSelect, passwordHash: true, active: true },
  });
  if (!user?.passwordHash) {
    // Unknown accounts and identity-provider-only accounts cost the same as a wrong password.
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export interface SessionMeta {
  userAgent?: string;
  ip?: string;
  method?: "password" | "oidc";
}

export async function createSession(
  userId: string,
  meta: SessionMeta = {},
): Promise<{ token: string; expiresAt: Date }> {
  const prisma = await db();
  const token = newToken();
  const expiresAt = new Date(Date.now() + env.SESSION_DAYS * 86_400_000);
  await prisma.session.create({
    data: {
      id: sha256(token),
      userId,
      expiresAt,
      userAgent: (meta.userAgent ?? "").slice(0, 300),
      ip: (meta.ip ?? "").slice(0, 64),
      method: meta.method ?? "password",
    },
  });
  return { token, expiresAt };
}

/** Sessions note when they were last used, at most this often (one write per active user per interval). */
const TOUCH_MS = 5 * 60_000;

export async function findSessionUser(token: string): Promise<SessionUser | null> {
  const prisma = await db();
  const id = sha256(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: { expiresAt: true, lastSeenAt: true, user: { select: { ...userSelect, active: true } } },
  });
  const now = new Date();
  if (!session || session.expiresAt < now || !session.user.active) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  const { active: _active, ...user } = session.user;
  return user;
}

export async function deleteSession(token: string): Promise<void> {
  await (await db()).session.deleteMany({ where: { id: sha256(token) } });
}

/** The principal behind a live API token; revoked, expired and deactivated owners' tokens are nobody. */
export async function findTokenPrincipal(token: string): Promise<UserPrincipal | null> {
  const prisma = await db();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      scope: true,
      user: { select: { ...userSelect, active: true } },
    },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  if (row.expiresAt && row.expiresAt <= new Date()) return null;
  await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const { active: _active, ...user } = row.user;
  return { kind: "user", user, via: "token", scope: row.scope };
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** The caller's own tokens; administrators may list anyone's (`userId`), or everyone's (`"all"`). */
export async function listApiTokens(p: Principal, userId?: string) {
  const caller = requireUser(p);
  if (userId && userId !== caller.user.id) requireAdmin(p);
  return (await db()).apiToken.findMany({
    where: userId === "all" ? {} : { userId: userId ?? caller.user.id },
    select: { ...tokenSelect, user: { select: { id: true, name: true, email: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function createApiToken(p: Principal, input: CreateToken) {
  const user = actingUser(p);
  const token = newToken("kr_");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        userId: user.id,
        name: input.name,
        scope: input.scope,
        expiresAt: input.expiresAt,
        tokenHash: sha256(token),
        prefix: token.slice(0, 7),
      },
      select: tokenSelect,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "api-token.create",
      entityType: "api-token",
      entityId: row.id,
      summary: `Created ${row.scope} API token ${row.name}`,
      after: { scope: row.scope, expiresAt: row.expiresAt },
    });
    return { ...row, token };
  });
}

/** Owners revoke their tokens; administrators revoke anyone's. Audited. */
export async function revokeApiToken(p: Principal, id: string): Promise<void> {
  const actor = actingUser(p);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({
      where: { id },
      select: { userId: true, name: true, revokedAt: true, user: { select: { email: true } } },
    });
    if (!row || row.revokedAt) throw notFound("Token");
    if (row.userId !== actor.id && actor.role !== "admin") throw notFound("Token");
    await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "api-token.revoke",
      entityType: "api-token",
      entityId: id,
      summary: `Revoked API token ${row.name} of ${row.user.email}`,
    });
  });
}

export async function listUsers(p: Principal) {
  requireAdmin(p);
  return (await db()).user.findMany({ select: userListSelect, orderBy: { createdAt: "asc" } });
}

export async function createUser(p: Principal, input: CreateUser) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  const exists = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (exists) {
    throw new AppError("conflict", `A user with the email ${input.email} already exists.`, {
      errors: [{ path: "email", message: "This email is already in use." }],
    });
  }
  assertPasswordPolicy(input.password, input);
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: userListSelect,
    });
    await joinDefaultTeam(tx, user.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      summary: `Created ${user.role} ${user.email}`,
    });
    return user;
  });
}

export async function updateUser(p: Principal, id: string, input: UpdateUser) {
  const actorId = requireAdmin(p, { write: true }).user.id;
  if (id === actorId && (input.role === "member" || input.active === false)) {
    throw new AppError("conflict", "You cannot demote or deactivate yourself; ask another administrator.");
  }
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: userListSelect });
    if (!before) throw notFound("User");
    const updated = await tx.user.update({ where: { id }, data: input, select: userListSelect });
    if (input.active === false) await tx.session.deleteMany({ where: { userId: id } });
    await recordAudit(tx, {
      actorId: actorId,
      action: "user.update",
      entityType: "user",
      entityId: id,
      summary: `Changed ${before.email}: ${Object.entries(input)
        .map(([k, v]) => `${k} → ${String(v)}`)
        .join(", ")}`,
      before: { role: before.role, active: before.active },
      after: { role: updated.role, active: updated.active },
    });
    return updated;
  });
}

/**
 * Deletes an account that holds no work (never answered, uploaded, owned or published anything);
 * accounts with history are deactivated instead, so the history keeps its authors. Audited.
 */
export async function deleteUser(p: Principal, id: string): Promise<void> {
  const actorId = requireAdmin(p, { write: true }).user.id;
  if (id === actorId)
    throw new AppError("conflict", "You cannot delete yourself; ask another administrator.");
  const prisma = await db();
  try {
    await prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id }, select: { email: true, role: true } });
      if (!user) throw notFound("User");
      await tx.user.delete({ where: { id } });
      await recordAudit(tx, {
        actorId,
        action: "user.delete",
        entityType: "user",
        entityId: id,
        summary: `Deleted ${user.email}`,
        before: user,
      });
    });
  } catch (err) {
    // P2003 on PostgreSQL; PGlite's adapter reports the RESTRICT violation (23001) by message only.
    const { code, message } = err as { code?: unknown; message?: unknown };
    if (code === "P2003" || (typeof message === "string" && /foreign key constraint/.test(message))) {
      throw new AppError(
        "conflict",
        "This account has work in Kubeready (assessments, answers, uploads or reports): deactivate it instead.",
      );
    }
    throw err;
  }
}
