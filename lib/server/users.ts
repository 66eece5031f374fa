// Users, sessions and personal API tokens.
import "server-only";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/domain/errors";
import type { CreateUser, Setup, UpdateUser } from "@/lib/domain/schemas";
import { dummyPasswordHash, hashPassword, newToken, sha256, verifyPassword } from "@/lib/server/crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { db } from "./db";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "member";
}

const userSelect = { id: true, email: true, name: true, role: true } as const;
const userListSelect = { ...userSelect, active: true, createdAt: true } as const;

export async function countUsers(): Promise<number> {
  return (await db()).user.count();
}

/** Creates the first admin; refuses once any user exists (serialised by an advisory lock). */
export async function createFirstAdmin(input: Setup): Promise<SessionUser> {
  const prisma = await db();
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72019444)`;
    if ((await tx.user.count()) > 0) {
      throw new AppError("setup-complete", "An administrator already exists. Sign in instead.");
    }
    return tx.user.create({
      data: { email: input.email, name: input.name, passwordHash, role: "admin" },
      select: userSelect,
    });
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
  await prisma.user.create({
    data: {
      email: email.toLowerCase(),
      name: "Administrator",
      passwordHash: await hashPassword(password),
      role: "admin",
    },
  });
  console.log(`[auth] created administrator ${email} from ADMIN_EMAIL`);
  return true;
}

export async function verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { ...userSelect, passwordHash: true, active: true },
  });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password)) || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const prisma = await db();
  const token = newToken();
  const expiresAt = new Date(Date.now() + env.SESSION_DAYS * 86_400_000);
  await prisma.session.create({ data: { id: sha256(token), userId, expiresAt } });
  return { token, expiresAt };
}

export async function findSessionUser(token: string): Promise<SessionUser | null> {
  const prisma = await db();
  const session = await prisma.session.findUnique({
    where: { id: sha256(token) },
    select: { expiresAt: true, user: { select: { ...userSelect, active: true } } },
  });
  if (!session || session.expiresAt < new Date() || !session.user.active) return null;
  const { active: _active, ...user } = session.user;
  return user;
}

export async function deleteSession(token: string): Promise<void> {
  await (await db()).session.deleteMany({ where: { id: sha256(token) } });
}

export async function findTokenUser(token: string): Promise<SessionUser | null> {
  const prisma = await db();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, revokedAt: true, user: { select: { ...userSelect, active: true } } },
  });
  if (!row || row.revokedAt || !row.user.active) return null;
  await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const { active: _active, ...user } = row.user;
  return user;
}

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listApiTokens(userId: string) {
  return (await db()).apiToken.findMany({
    where: { userId },
    select: tokenSelect,
    orderBy: { createdAt: "desc" },
  });
}

export async function createApiToken(userId: string, name: string) {
  const token = newToken("kr_");
  const row = await (
    await db()
  ).apiToken.create({
    data: { userId, name, tokenHash: sha256(token), prefix: token.slice(0, 7) },
    select: tokenSelect,
  });
  return { ...row, token };
}

export async function revokeApiToken(userId: string, id: string): Promise<void> {
  const { count } = await (
    await db()
  ).apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw notFound("Token");
}

export async function listUsers() {
  return (await db()).user.findMany({ select: userListSelect, orderBy: { createdAt: "asc" } });
}

export async function createUser(actor: SessionUser, input: CreateUser) {
  const prisma = await db();
  const exists = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (exists) {
    throw new AppError("conflict", `A user with the email ${input.email} already exists.`, {
      errors: [{ path: "email", message: "This email is already in use." }],
    });
  }
  return prisma.user.create({
    data: {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    },
    select: userListSelect,
  });
}

export async function updateUser(actorId: string, id: string, input: UpdateUser) {
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
