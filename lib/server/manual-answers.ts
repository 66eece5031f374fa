// Answers to the manual items of an assessment's checklist; autosaved with the same optimistic
// concurrency as the questionnaire (the assessment's version).
import "server-only";
import { AppError } from "@/lib/domain/errors";
import { ZManualAnswer, type ManualAnswer } from "@/lib/engine/checklist/model";
import type { Principal } from "@/lib/domain/principal";
import { actingUser, authorizeAssessment } from "./access";
import { conflict } from "./assessments";
import { db } from "./db";
import { manualAnswersOf, pinnedVersionId, refreshScores } from "./scoring";

async function manualItems(versionId: string | null) {
  if (!versionId) return [];
  return (await db()).checklistItem.findMany({
    where: { versionId, kind: "manual", enabled: true },
    orderBy: { position: "asc" },
    select: {
      key: true,
      title: true,
      question: true,
      category: true,
      severity: true,
      rationale: true,
      remediation: true,
    },
  });
}

export async function getChecklistAnswers(p: Principal, assessmentId: string) {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  const prisma = await db();
  const versionId = await pinnedVersionId(grant);
  const [assessment, items, answers, version] = await Promise.all([
    prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { version: true } }),
    manualItems(versionId),
    manualAnswersOf(grant),
    versionId
      ? prisma.checklistVersion.findUnique({
          where: { id: versionId },
          select: { id: true, number: true, checklist: { select: { id: true, name: true } } },
        })
      : null,
  ]);
  return { version: assessment.version, checklist: version, items, answers };
}

/** `null` clears an answer. Keys must be manual items of the pinned checklist version. */
export async function saveChecklistAnswers(
  p: Principal,
  assessmentId: string,
  version: number,
  changes: Record<string, unknown>,
): Promise<{ version: number; answers: Record<string, ManualAnswer> }> {
  const grant = await authorizeAssessment(p, assessmentId, "edit");
  const user = actingUser(p);
  const items = new Set((await manualItems(await pinnedVersionId(grant))).map((i) => i.key));
  const parsed: [string, ManualAnswer | null][] = [];
  const errors: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (!items.has(key)) {
      errors.push({
        path: `answers.${key}`,
        message: `"${key}" is not a manual item of this assessment's checklist.`,
      });
      continue;
    }
    if (value === null) {
      parsed.push([key, null]);
      continue;
    }
    const result = ZManualAnswer.safeParse(value);
    if (result.success) parsed.push([key, result.data]);
    else
      errors.push({ path: `answers.${key}`, message: result.error.issues[0]?.message ?? "Invalid answer." });
  }
  if (errors.length > 0) {
    throw new AppError("validation", `Invalid answer for ${errors[0]!.path}: ${errors[0]!.message}`, {
      errors,
    });
  }
  const prisma = await db();
  const saved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.assessment.updateMany({
      where: { id: assessmentId, version },
      data: { version: { increment: 1 } },
    });
    if (count === 0) await conflict(tx, assessmentId);
    for (const [itemKey, answer] of parsed) {
      if (answer === null) {
        await tx.manualAnswer.deleteMany({ where: { assessmentId, itemKey } });
      } else {
        await tx.manualAnswer.upsert({
          where: { assessmentId_itemKey: { assessmentId, itemKey } },
          create: { assessmentId, itemKey, ...answer, updatedById: user.id },
          update: { ...answer, updatedById: user.id },
        });
      }
    }
    return tx.assessment.findUniqueOrThrow({ where: { id: assessmentId }, select: { version: true } });
  });
  await refreshScores(grant);
  return { version: saved.version, answers: await manualAnswersOf(grant) };
}
