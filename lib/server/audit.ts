// Audit events: who changed or deleted what, when, with before/after. Only administrators read them.
import "server-only";
import type { Principal } from "@/lib/domain/principal";
import type { Prisma as P } from "@/lib/generated/prisma/client";
import { requireAdmin } from "./access";
import { db } from "./db";

export interface AuditInput {
  /** Null when the system acts on its own. */
  actorId: string | null;
  action: string;
  entityType:
    | "assessment"
    | "snapshot"
    | "team"
    | "api-token"
    | "checklist"
    | "checklist-version"
    | "checklist-item"
    | "exemption"
    | "share-link"
    | "user";
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
  p: Principal,
  filter: { entityType?: string; entityId?: string; limit?: number } = {},
) {
  requireAdmin(p);
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
