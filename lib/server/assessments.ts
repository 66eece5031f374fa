// Assessments and their questionnaire answers.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import type { CreateAssessment, UpdateAssessment } from "@/lib/domain/schemas";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import { parseAnswer, type AnswerValue } from "@/lib/engine/heuristic/questionnaire";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import {
  actingUser,
  assertTeamMember,
  authorizeAssessment,
  requireUser,
  requireWriter,
  visibleAssessments,
  type AssessmentGrant,
} from "./access";
import { recordAudit } from "./audit";
import { latestPublishedVersion } from "./checklists";
import { db } from "./db";
import { homeTeamId } from "./teams";

const summarySelect = {
  id: true,
  name: true,
  team: { select: { id: true, name: true } },
  version: true,
  createdAt: true,
  updatedAt: true,
  needScore: true,
  needVerdict: true,
  readinessScore: true,
  readinessGrade: true,
  owner: { select: { id: true, name: true } },
} as const;

type SummaryRow = P.AssessmentGetPayload<{ select: typeof summarySelect }>;

/** An assessment as lists and headers show it, with whether the caller may rename, delete and share it. */
export type AssessmentSummary = SummaryRow & { canManage: boolean };

/** Mirrors authorizeAssessment's "manage" rule for many rows at once (the operations still decide). */
async function withRights(p: Principal, rows: SummaryRow[]): Promise<AssessmentSummary[]> {
  if (p.kind !== "user" || p.scope === "read") return rows.map((r) => ({ ...r, canManage: false }));
  if (p.user.role === "admin") return rows.map((r) => ({ ...r, canManage: true }));
  const maintained = new Set(
    (
      await (
        await db()
      ).teamMember.findMany({ where: { userId: p.user.id, role: "maintainer" }, select: { teamId: true } })
    ).map((m) => m.teamId),
  );
  return rows.map((r) => ({ ...r, canManage: r.owner.id === p.user.id || maintained.has(r.team.id) }));
}

/** The assessments of the caller's teams (every assessment for administrators). */
export async function listAssessments(p: Principal): Promise<AssessmentSummary[]> {
  requireUser(p);
  const rows = await (
    await db()
  ).assessment.findMany({
    where: visibleAssessments(p),
    select: summarySelect,
    orderBy: { updatedAt: "desc" },
  });
  return withRights(p, rows);
}

/** New assessments are scored with the default checklist's latest published version. */
export async function createAssessment(p: Principal, input: CreateAssessment): Promise<AssessmentSummary> {
  const caller = requireWriter(p);
  if (input.teamId) await assertTeamMember(caller, input.teamId);
  const version = await latestPublishedVersion();
  const prisma = await db();
  const row = await prisma.$transaction(async (tx) => {
    const teamId = input.teamId ?? (await homeTeamId(tx, caller.user.id));
    return tx.assessment.create({
      data: { name: input.name, teamId, ownerId: caller.user.id, checklistVersionId: version?.id ?? null },
      select: summarySelect,
    });
  });
  return { ...row, canManage: true };
}

export async function getAssessment(p: Principal, id: string): Promise<AssessmentSummary> {
  await authorizeAssessment(p, id, "read");
  const row = await (await db()).assessment.findUnique({ where: { id }, select: summarySelect });
  if (!row) throw notFound("Assessment");
  return (await withRights(p, [row]))[0]!;
}

export async function conflict(prisma: P.TransactionClient, id: string): Promise<never> {
  const current = await prisma.assessment.findUnique({ where: { id }, select: { version: true } });
  if (!current) throw notFound("Assessment");
  throw new AppError(
    "conflict",
    "This assessment was changed elsewhere (another tab or person). Reload to see the latest answers.",
    { currentVersion: current.version },
  );
}

/** Rename or move to another team: the owner, the team's maintainers and administrators. */
export async function updateAssessment(
  p: Principal,
  id: string,
  input: UpdateAssessment,
): Promise<AssessmentSummary> {
  await authorizeAssessment(p, id, "manage");
  const actor = actingUser(p);
  const { version, ...data } = input;
  if (data.teamId && p.kind === "user") await assertTeamMember(p, data.teamId);
  const prisma = await db();
  const updated = await prisma.$transaction(async (tx) => {
    const before = await tx.assessment.findUnique({ where: { id }, select: { name: true, teamId: true } });
    const { count } = await tx.assessment.updateMany({
      where: { id, ...(version ? { version } : {}) },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) await conflict(tx, id);
    const after = await tx.assessment.findUniqueOrThrow({ where: { id }, select: summarySelect });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assessment.update",
      entityType: "assessment",
      entityId: id,
      summary: `Changed assessment ${after.name}${data.teamId ? ` (now in team ${after.team.name})` : ""}`,
      before,
      after: { name: after.name, teamId: after.team.id },
    });
    return after;
  });
  return (await withRights(p, [updated]))[0]!;
}

/** Deletes an assessment with its answers, snapshots, reports and share links; audited. */
export async function deleteAssessment(p: Principal, id: string): Promise<void> {
  await authorizeAssessment(p, id, "manage");
  const actor = actingUser(p);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.assessment.findUnique({
      where: { id },
      select: { name: true, teamId: true, ownerId: true, _count: { select: { snapshots: true } } },
    });
    if (!row) throw notFound("Assessment");
    await tx.assessment.delete({ where: { id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "assessment.delete",
      entityType: "assessment",
      entityId: id,
      summary: `Deleted assessment ${row.name} with ${row._count.snapshots} snapshot(s)`,
      before: { name: row.name, teamId: row.teamId, ownerId: row.ownerId },
    });
  });
}

export interface AnswersState {
  version: number;
  answers: Record<string, AnswerValue>;
}

export async function getAnswers(p: Principal, id: string): Promise<AnswersState> {
  return answersOf(await authorizeAssessment(p, id, "read"));
}

export async function answersOf(grant: AssessmentGrant): Promise<AnswersState> {
  const id = grant.id;
  const prisma = await db();
  const row = await prisma.assessment.findUnique({
    where: { id },
    select: { version: true, answers: { select: { questionId: true, value: true } } },
  });
  if (!row) throw notFound("Assessment");
  return { version: row.version, answers: answersRecord(row.answers) };
}

/** Stored answer rows as the heuristic reads them (unparseable or cleared values left out). */
export function answersRecord(rows: { questionId: string; value: unknown }[]): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const r of rows) {
    const parsed = parseAnswer(r.questionId, r.value);
    if (parsed.ok && parsed.value !== null) out[r.questionId] = parsed.value;
  }
  return out;
}

/**
 * Saves a batch of answers if `version` is still current (optimistic concurrency): a stale
 * version means another tab or person saved in between, and the caller gets a 409 instead of
 * silently overwriting their work. `null` clears an answer.
 */
export async function saveAnswers(
  p: Principal,
  id: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<AnswersState> {
  await authorizeAssessment(p, id, "edit");
  const user = actingUser(p);
  const parsed: [string, AnswerValue][] = [];
  const errors: { path: string; message: string }[] = [];
  for (const [questionId, value] of Object.entries(changes)) {
    const result = parseAnswer(questionId, value);
    if (result.ok) parsed.push([questionId, result.value]);
    else errors.push({ path: `answers.${questionId}`, message: result.message });
  }
  if (errors.length > 0) {
    throw new AppError("validation", `Invalid answer for ${errors[0]!.path}: ${errors[0]!.message}`, {
      errors,
    });
  }
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.assessment.updateMany({
      where: { id, version },
      data: { version: { increment: 1 } },
    });
    if (count === 0) await conflict(tx, id);
    for (const [questionId, value] of parsed) {
      if (value === null) {
        await tx.answer.deleteMany({ where: { assessmentId: id, questionId } });
      } else {
        await tx.answer.upsert({
          where: { assessmentId_questionId: { assessmentId: id, questionId } },
          create: { assessmentId: id, questionId, value, updatedById: user.id },
          update: { value, updatedById: user.id },
        });
      }
    }
    const rows = await tx.answer.findMany({
      where: { assessmentId: id },
      select: { questionId: true, value: true },
    });
    const answers = answersRecord(rows);
    const latest = await tx.snapshot.findFirst({
      where: { assessmentId: id },
      orderBy: { createdAt: "desc" },
      select: { facts: true },
    });
    const need = assessNeedKubernetes(answers, snapshotFactsForHeuristic(latest?.facts));
    const updated = await tx.assessment.update({
      where: { id },
      data: { needScore: need.score, needVerdict: need.verdict },
      select: { version: true },
    });
    return { version: updated.version, answers };
  });
}

/** The facts a snapshot can lend the heuristic when the questionnaire leaves them open. */
export function snapshotFactsForHeuristic(facts: unknown) {
  if (!facts || typeof facts !== "object") return undefined;
  const f = facts as { nodeCount?: unknown; workloadCount?: unknown };
  return {
    nodeCount: typeof f.nodeCount === "number" && f.nodeCount > 0 ? f.nodeCount : undefined,
    workloadCount: typeof f.workloadCount === "number" && f.workloadCount > 0 ? f.workloadCount : undefined,
    source: "latest snapshot",
  };
}
