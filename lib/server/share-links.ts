// Read-only share links. The token exists only in the link handed to the user; we keep its sha256.
import "server-only";
import { notFound } from "@/lib/domain/errors";
import type { Principal, SharePrincipal } from "@/lib/domain/principal";
import { actingUser, authorizeAssessment } from "./access";
import { recordAudit } from "./audit";
import { newToken, sha256 } from "./crypto";
import { loggerFor } from "@/lib/observability/log";
import { db } from "./db";

const log = loggerFor("share-links");

const linkSelect = {
  id: true,
  label: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  viewCount: true,
  createdBy: { select: { name: true } },
} as const;

/** The owner, the team's maintainers and administrators manage an assessment's links. */
export async function listShareLinks(p: Principal, assessmentId: string) {
  await authorizeAssessment(p, assessmentId, "manage");
  return (await db()).shareLink.findMany({
    where: { assessmentId },
    select: linkSelect,
    orderBy: { createdAt: "desc" },
  });
}

export async function createShareLink(
  p: Principal,
  assessmentId: string,
  expiresInDays: number | null,
  label: string | null = null,
) {
  await authorizeAssessment(p, assessmentId, "manage");
  const user = actingUser(p);
  const prisma = await db();
  const token = newToken();
  const link = await prisma.$transaction(async (tx) => {
    const { name } = await tx.assessment.findUniqueOrThrow({
      where: { id: assessmentId },
      select: { name: true },
    });
    const created = await tx.shareLink.create({
      data: {
        assessmentId,
        tokenHash: sha256(token),
        createdById: user.id,
        label,
        expiresAt: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
      },
      select: linkSelect,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "share-link.create",
      entityType: "share-link",
      entityId: created.id,
      summary: `Shared the report of assessment “${name}”${label ? ` (${label})` : ""}${expiresInDays ? ` for ${expiresInDays} days` : ""}`,
      after: { assessmentId, assessment: name, label, expiresAt: created.expiresAt },
    });
    return created;
  });
  return { ...link, token };
}

export async function revokeShareLink(p: Principal, id: string): Promise<void> {
  const user = actingUser(p);
  const prisma = await db();
  const link = await prisma.shareLink.findUnique({
    where: { id },
    select: { assessmentId: true, assessment: { select: { name: true } } },
  });
  if (!link) throw notFound("Share link");
  await authorizeAssessment(p, link.assessmentId, "manage");
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
      summary: `Revoked a share link of assessment “${link.assessment.name}”`,
    });
  });
}

/**
 * The principal a live share token stands for (read-only, one assessment), counting the view unless
 * told not to; unknown, revoked and expired links look alike. Read from the database on every request
 * (never cached), so a revoked link stops working at once on every instance.
 */
export async function resolveShareToken(
  token: string,
  { countView = true }: { countView?: boolean } = {},
): Promise<SharePrincipal> {
  const prisma = await db();
  const hash = sha256(token);
  const rows = await prisma.$queryRaw<{ id: string; assessmentId: string }[]>`
    SELECT id::text AS id, "assessmentId"::text AS "assessmentId" FROM "ShareLink"
    WHERE "tokenHash" = ${hash} AND "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > now())`;
  const link = rows[0];
  if (!link) throw notFound("Report");
  if (countView) countShareView(link.id);
  return { kind: "share", assessmentId: link.assessmentId };
}

/**
 * Counts one view of a link, beside the page rather than before it: a write (and its commit) per view
 * would be most of a cached page's time. A count lost to a crash is a statistic, never access.
 */
export function countShareView(linkId: string): void {
  void db()
    .then(
      (prisma) =>
        prisma.$executeRaw`UPDATE "ShareLink" SET "viewCount" = "viewCount" + 1 WHERE id = ${linkId}::uuid`,
    )
    .catch((err: unknown) => log.warn({ err, shareLinkId: linkId }, "share link view not counted"));
}
