// Read-only share links. The token exists only in the link handed to the user; we keep its sha256.
import "server-only";
import { notFound } from "@/lib/domain/errors";
import { newToken, sha256 } from "@/lib/server/crypto";
import { recordAudit } from "./audit";
import { db } from "./db";
import type { SessionUser } from "./users";

const linkSelect = {
  id: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  viewCount: true,
  createdBy: { select: { name: true } },
} as const;

export async function listShareLinks(assessmentId: string) {
  return (await db()).shareLink.findMany({
    where: { assessmentId },
    select: linkSelect,
    orderBy: { createdAt: "desc" },
  });
}

export async function createShareLink(user: SessionUser, assessmentId: string, expiresInDays: number | null) {
  const prisma = await db();
  const exists = await prisma.assessment.findUnique({ where: { id: assessmentId }, select: { id: true } });
  if (!exists) throw notFound("Assessment");
  const token = newToken();
  const link = await prisma.$transaction(async (tx) => {
    const created = await tx.shareLink.create({
      data: {
        assessmentId,
        tokenHash: sha256(token),
        createdById: user.id,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      },
      select: linkSelect,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "share-link.create",
      entityType: "share-link",
      entityId: created.id,
      summary: `Shared the report of assessment ${assessmentId}${expiresInDays ? ` for ${expiresInDays} days` : ""}`,
      after: { assessmentId, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { ...link, token };
}

export async function revokeShareLink(user: SessionUser, id: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.shareLink.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("Share link");
    await recordAudit(tx, {
      actorId: user.id,
      action: "share-link.revoke",
      entityType: "share-link",
      entityId: id,
      summary: "Revoked a share link",
    });
  });
}

/** The assessment a live share token opens, counting the view; unknown, revoked and expired look alike. */
export async function resolveShareToken(token: string): Promise<string> {
  const prisma = await db();
  const link = await prisma.shareLink.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, assessmentId: true, revokedAt: true, expiresAt: true },
  });
  if (!link || link.revokedAt || (link.expiresAt && link.expiresAt < new Date())) throw notFound("Report");
  await prisma.shareLink.update({ where: { id: link.id }, data: { viewCount: { increment: 1 } } });
  return link.assessmentId;
}
