// Audit events: who changed which checklist, exemption or share link, when, with before/after.
import "server-only";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { db } from "./db";

export interface AuditInput {
  actorId: string;
  action: string;
  entityType: "checklist" | "checklist-version" | "checklist-item" | "exemption" | "share-link" | "user";
  entityId: string;
  summary: string;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) =>
  v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as object);

/** Written inside the caller's transaction, so a change and its audit record land together. */
export async function recordAudit(tx: P.TransactionClient, e: AuditInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      summary: e.summary,
      before: json(e.before),
      after: json(e.after),
    },
  });
}

export async function listAuditEvents(
  filter: { entityType?: string; entityId?: string; limit?: number } = {},
) {
  return (await db()).auditEvent.findMany({
    where: { entityType: filter.entityType, entityId: filter.entityId },
    orderBy: { createdAt: "desc" },
    take: filter.limit ?? 200,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      summary: true,
      before: true,
      after: true,
      createdAt: true,
      actor: { select: { name: true, email: true } },
    },
  });
}
