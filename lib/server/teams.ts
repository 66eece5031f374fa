// Teams and membership. Assessments belong to a team; members see and edit their teams'
// assessments, maintainers also manage them; administrators manage teams and membership.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import type { TeamRole } from "@/lib/domain/schemas";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { requireAdmin, requireUser } from "./access";
import { recordAudit } from "./audit";
import { db } from "./db";

const teamSelect = {
  id: true,
  name: true,
  isDefault: true,
  createdAt: true,
  _count: { select: { assessments: true, members: true } },
} as const;

function teamDto({ _count, ...t }: P.TeamGetPayload<{ select: typeof teamSelect }>) {
  return { ...t, assessmentCount: _count.assessments, memberCount: _count.members };
}

/** Administrators see every team; anyone else the teams they belong to (with their role in each). */
export async function listTeams(p: Principal) {
  const caller = requireUser(p);
  const prisma = await db();
  const rows = await prisma.team.findMany({
    where: caller.user.role === "admin" ? {} : { members: { some: { userId: caller.user.id } } },
    select: { ...teamSelect, members: { where: { userId: caller.user.id }, select: { role: true } } },
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
  });
  return rows.map(({ members, ...t }) => ({ ...teamDto(t), myRole: members[0]?.role ?? null }));
}

export async function getTeam(p: Principal, id: string) {
  requireAdmin(p);
  const row = await (
    await db()
  ).team.findUnique({
    where: { id },
    select: {
      ...teamSelect,
      members: {
        select: {
          role: true,
          createdAt: true,
          user: { select: { id: true, name: true, email: true, active: true } },
        },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  if (!row) throw notFound("Team");
  const { members, ...t } = row;
  return { ...teamDto(t), members: members.map((m) => ({ ...m.user, role: m.role, since: m.createdAt })) };
}

export async function createTeam(p: Principal, name: string) {
  const admin = requireAdmin(p, { write: true });
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { name }, select: { id: true } })) {
      throw new AppError("conflict", `A team named "${name}" already exists.`, {
        errors: [{ path: "name", message: "This name is already in use." }],
      });
    }
    const team = await tx.team.create({ data: { name }, select: teamSelect });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "team.create",
      entityType: "team",
      entityId: team.id,
      summary: `Created team ${name}`,
    });
    return teamDto(team);
  });
}

export async function renameTeam(p: Principal, id: string, name: string) {
  const admin = requireAdmin(p, { write: true });
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { id }, select: { name: true } });
    if (!before) throw notFound("Team");
    const clash = await tx.team.findUnique({ where: { name }, select: { id: true } });
    if (clash && clash.id !== id) throw new AppError("conflict", `A team named "${name}" already exists.`);
    const team = await tx.team.update({ where: { id }, data: { name }, select: teamSelect });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "team.update",
      entityType: "team",
      entityId: id,
      summary: `Renamed team ${before.name} to ${name}`,
      before,
      after: { name },
    });
    return teamDto(team);
  });
}

/** A team that still holds assessments, or the default team, cannot be deleted. */
export async function deleteTeam(p: Principal, id: string): Promise<void> {
  const admin = requireAdmin(p, { write: true });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id }, select: teamSelect });
    if (!team) throw notFound("Team");
    if (team.isDefault) throw new AppError("conflict", "The default team cannot be deleted.");
    if (team._count.assessments > 0) {
      throw new AppError(
        "conflict",
        `Team ${team.name} still holds ${team._count.assessments} assessment(s): move or delete them first.`,
      );
    }
    await tx.team.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "team.delete",
      entityType: "team",
      entityId: id,
      summary: `Deleted team ${team.name}`,
      before: { name: team.name, members: team._count.members },
    });
  });
}

/** Adds a user to a team, or changes their role in it. */
export async function putTeamMember(p: Principal, teamId: string, userId: string, role: TeamRole) {
  const admin = requireAdmin(p, { write: true });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const [team, user] = await Promise.all([
      tx.team.findUnique({ where: { id: teamId }, select: { name: true } }),
      tx.user.findUnique({ where: { id: userId }, select: { email: true } }),
    ]);
    if (!team) throw notFound("Team");
    if (!user) throw notFound("User");
    const before = await tx.teamMember.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { role: true },
    });
    await tx.teamMember.upsert({
      where: { teamId_userId: { teamId, userId } },
      create: { teamId, userId, role },
      update: { role },
    });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: before ? "team.member.update" : "team.member.add",
      entityType: "team",
      entityId: teamId,
      summary: before
        ? `${user.email} is now ${role} of ${team.name} (was ${before.role})`
        : `Added ${user.email} to ${team.name} as ${role}`,
      before: before ?? undefined,
      after: { userId, role },
    });
  });
}

export async function removeTeamMember(p: Principal, teamId: string, userId: string): Promise<void> {
  const admin = requireAdmin(p, { write: true });
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.teamMember.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { role: true, team: { select: { name: true } }, user: { select: { email: true } } },
    });
    if (!row) throw notFound("Team membership");
    await tx.teamMember.delete({ where: { teamId_userId: { teamId, userId } } });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "team.member.remove",
      entityType: "team",
      entityId: teamId,
      summary: `Removed ${row.user.email} from ${row.team.name}`,
      before: { userId, role: row.role },
    });
  });
}

/** New accounts join the default team, so a fresh install works with no team administration. */
export async function joinDefaultTeam(tx: P.TransactionClient, userId: string): Promise<void> {
  const team = await tx.team.findFirst({ where: { isDefault: true }, select: { id: true } });
  if (team) await tx.teamMember.create({ data: { teamId: team.id, userId } });
}

/** The team an assessment lands in when its creator names none: their oldest membership, default first. */
export async function homeTeamId(tx: P.TransactionClient, userId: string): Promise<string> {
  const rows = await tx.teamMember.findMany({
    where: { userId },
    select: { teamId: true, team: { select: { isDefault: true } } },
    orderBy: { createdAt: "asc" },
  });
  const chosen = rows.find((r) => r.team.isDefault) ?? rows[0];
  if (chosen) return chosen.teamId;
  throw new AppError("conflict", "You belong to no team yet: ask an administrator to add you to one.");
}
