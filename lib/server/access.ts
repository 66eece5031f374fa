// Who may do what, decided next to the data. Every exported lib/server operation takes the acting
// Principal and calls one of these guards before it reads or writes; helpers that work on one
// assessment take an AssessmentGrant, which only `authorizeAssessment` can make, so no code path
// reaches an assessment's data without having asked.
import "server-only";
import { AppError, forbidden, notFound, unauthenticated } from "@/lib/domain/errors";
import type { Principal, SessionUser, UserPrincipal } from "@/lib/domain/principal";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { db } from "./db";

/**
 * read: see the assessment and its report. edit: answer, upload, re-score. manage: rename, delete,
 * share links — the owner, the team's maintainers and administrators.
 */
export type AssessmentRight = "read" | "edit" | "manage";

const grantKey = Symbol("assessment-grant");

export interface AssessmentGrant {
  readonly [grantKey]: true;
  readonly id: string;
  readonly principal: Principal;
  readonly right: AssessmentRight;
}

const readOnlyToken = () => new AppError("forbidden", "This API token is read-only.");

/** A person (session or token) allowed to change things: refuses share links and read-only tokens. */
export function requireWriter(p: Principal): UserPrincipal {
  if (p.kind !== "user") throw p.kind === "share" ? notFound("Resource") : unauthenticated();
  if (p.scope === "read") throw readOnlyToken();
  return p;
}

/** Any signed-in person or token. */
export function requireUser(p: Principal): UserPrincipal {
  if (p.kind !== "user") throw p.kind === "share" ? notFound("Resource") : unauthenticated();
  return p;
}

/** Administrators only; `write` also refuses their read-only tokens. */
export function requireAdmin(p: Principal, { write = false } = {}): UserPrincipal {
  const user = write ? requireWriter(p) : requireUser(p);
  if (user.user.role !== "admin") throw forbidden("This needs an administrator.");
  return user;
}

/** The system, or an administrator writing. For operations that touch every team's data at once. */
export function requireSystemOrAdmin(p: Principal): void {
  if (p.kind !== "system") requireAdmin(p, { write: true });
}

/** The acting user of a write, for "created by" columns; the system acts as nobody. */
export function actingUser(p: Principal): SessionUser {
  return requireWriter(p).user;
}

/** Prisma filter for the assessments a principal may see (lists, dashboards). */
export function visibleAssessments(p: Principal): P.AssessmentWhereInput {
  switch (p.kind) {
    case "system":
      return {};
    case "share":
      return { id: p.assessmentId };
    case "user":
      return p.user.role === "admin" ? {} : { team: { members: { some: { userId: p.user.id } } } };
  }
}

/**
 * Decides whether `p` may exercise `right` on assessment `id`. Assessments outside the caller's
 * teams answer "not found", so their existence is not revealed; within the team, missing rights
 * are "forbidden" with a reason.
 */
export async function authorizeAssessment(
  p: Principal,
  id: string,
  right: AssessmentRight,
): Promise<AssessmentGrant> {
  if (right !== "read" && p.kind === "user" && p.scope === "read") throw readOnlyToken();
  const grant: AssessmentGrant = { [grantKey]: true, id, principal: p, right };
  if (p.kind === "share") {
    if (p.assessmentId !== id || right !== "read") throw notFound("Assessment");
    return grant;
  }
  const prisma = await db();
  if (p.kind === "system") {
    const row = await prisma.assessment.findUnique({ where: { id }, select: { id: true } });
    if (!row) throw notFound("Assessment");
    return grant;
  }
  const row = await prisma.assessment.findUnique({
    where: { id },
    select: {
      ownerId: true,
      team: { select: { members: { where: { userId: p.user.id }, select: { role: true } } } },
    },
  });
  if (!row) throw notFound("Assessment");
  if (p.user.role === "admin") return grant;
  const membership = row.team.members[0];
  if (!membership) throw notFound("Assessment");
  if (right === "manage" && row.ownerId !== p.user.id && membership.role !== "maintainer") {
    throw forbidden("Only the assessment's owner, the team's maintainers and administrators can do this.");
  }
  return grant;
}

/** The rights `p` holds on an assessment, for showing or hiding controls (the operations decide again). */
export async function assessmentRights(p: Principal, id: string): Promise<Record<AssessmentRight, boolean>> {
  const can = async (right: AssessmentRight) =>
    authorizeAssessment(p, id, right).then(
      () => true,
      () => false,
    );
  const [read, edit, manage] = await Promise.all([can("read"), can("edit"), can("manage")]);
  return { read, edit, manage };
}

/** Whether `userId` may be handed an assessment of team `teamId` (creating into, moving to). */
export async function assertTeamMember(p: UserPrincipal, teamId: string): Promise<void> {
  const prisma = await db();
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    select: { members: { where: { userId: p.user.id }, select: { role: true } } },
  });
  if (!team || (p.user.role !== "admin" && team.members.length === 0)) throw notFound("Team");
}
