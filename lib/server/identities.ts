// Accounts behind OpenID Connect sign-ins: found by the provider's subject, else linked by a verified
// email, else created. Runs before anyone is signed in, so it takes no principal: the identity
// provider's validated claims are the credential.
import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { SessionUser } from "@/lib/domain/principal";
import type { SignInErrorCode } from "@/lib/domain/sign-in-errors";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { db } from "./db";
import { joinDefaultTeam } from "./teams";
import { FIRST_ACCOUNT_LOCK } from "./users";

/** What a completed OIDC sign-in tells us about the person (see identityFromClaims in lib/auth/oidc). */
export interface OidcIdentity {
  /** "<issuer> <sub>": stable across email changes, unique across providers. */
  subject: string;
  /** Lower-cased; null when the provider shared none. */
  email: string | null;
  emailVerified: boolean;
  name: string;
  /** From the configured role mapping; null when none is configured (the app manages roles). */
  role: "admin" | "member" | null;
}

/** A refusal the sign-in page explains by its `reason`. */
const refused = (reason: SignInErrorCode, message: string) => new AppError("forbidden", message, { reason });

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  oidcSubject: true,
} as const;

type Row = P.UserGetPayload<{ select: typeof userSelect }>;

async function findOrLink(tx: P.TransactionClient, identity: OidcIdentity): Promise<Row | null> {
  const bySubject = await tx.user.findUnique({
    where: { oidcSubject: identity.subject },
    select: userSelect,
  });
  if (bySubject || !identity.email) return bySubject;
  const byEmail = await tx.user.findUnique({ where: { email: identity.email }, select: userSelect });
  if (!byEmail) return null;
  // Linked to this very identity between the two reads (a concurrent first sign-in committed).
  if (byEmail.oidcSubject === identity.subject) return byEmail;
  if (!byEmail.active) throw refused("account-disabled", "This account is deactivated.");
  // Without the provider vouching for the address, anyone able to choose their email there could
  // take over the local account of that name.
  if (!identity.emailVerified) {
    throw refused("email-unverified", "The identity provider does not confirm this email address.");
  }
  if (byEmail.oidcSubject) {
    throw refused("identity-conflict", "This account is linked to another identity.");
  }
  const linked = await tx.user.update({
    where: { id: byEmail.id },
    data: { oidcSubject: identity.subject },
    select: userSelect,
  });
  await recordAudit(tx, {
    actorId: linked.id,
    action: "user.link-oidc",
    entityType: "user",
    entityId: linked.id,
    summary: `Linked ${linked.email} to their identity-provider account on first single sign-on`,
    after: { oidcSubject: identity.subject },
  });
  return linked;
}

async function create(tx: P.TransactionClient, identity: OidcIdentity): Promise<Row> {
  if (!identity.email) throw refused("email-missing", "The identity provider shared no email address.");
  // Before setup the first account must be an administrator, or nobody could ever administer the
  // install (the setup page closes once any account exists). Same lock as createFirstAdmin.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_ACCOUNT_LOCK})`;
  if (identity.role !== "admin" && (await tx.user.count()) === 0) {
    throw refused("setup-pending", "No administrator exists yet.");
  }
  const user = await tx.user.create({
    data: {
      email: identity.email,
      name: identity.name,
      oidcSubject: identity.subject,
      passwordHash: null,
      role: identity.role ?? "member",
    },
    select: userSelect,
  });
  await joinDefaultTeam(tx, user.id);
  await recordAudit(tx, {
    actorId: user.id,
    action: "user.create",
    entityType: "user",
    entityId: user.id,
    summary: `Created ${user.email} (${user.role}) on first single sign-on`,
    after: { email: user.email, name: user.name, role: user.role, via: "oidc" },
  });
  return user;
}

/**
 * With a role mapping the provider is the source of truth, so a person removed from the admin group
 * loses the role at their next sign-in. The last active administrator is never demoted: that would
 * leave nobody able to administer the install.
 */
async function syncRole(tx: P.TransactionClient, user: Row, role: OidcIdentity["role"]): Promise<Row> {
  if (role === null || role === user.role) return user;
  if (role === "member") {
    const otherAdmins = await tx.user.count({
      where: { role: "admin", active: true, id: { not: user.id } },
    });
    if (otherAdmins === 0) return user;
  }
  const updated = await tx.user.update({ where: { id: user.id }, data: { role }, select: userSelect });
  await recordAudit(tx, {
    actorId: user.id,
    action: "user.update",
    entityType: "user",
    entityId: user.id,
    summary: `Changed ${user.email}: role → ${role} (from the identity provider's role mapping)`,
    before: { role: user.role },
    after: { role },
  });
  return updated;
}

/** The account to start a session for; refuses deactivated accounts and unsafe links. */
export async function signInWithOidc(identity: OidcIdentity): Promise<SessionUser> {
  const prisma = await db();
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const found = await findOrLink(tx, identity);
      const user = found ?? (await create(tx, identity));
      if (!user.active) throw refused("account-disabled", "This account is deactivated.");
      const { id, email, name, role } = await syncRole(tx, user, identity.role);
      return { id, email, name, role };
    });
  try {
    return await attempt();
  } catch (err) {
    // Two first sign-ins of one person at once: the loser's insert hits the unique subject or email;
    // by now the winner's account exists, so one more pass finds it.
    if ((err as { code?: unknown } | null)?.code === "P2002") return attempt();
    throw err;
  }
}
