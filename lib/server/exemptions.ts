// Admin-managed exemptions: a check (optionally one of its concerns), a namespace/name pattern, a reason,
// an optional expiry.
import "server-only";
import { createHash } from "node:crypto";
import { AppError, notFound } from "@/lib/domain/errors";
import { getCheck } from "@/lib/engine/checks/registry";
import type { ExemptionRule } from "@/lib/engine/types";
import { recordAudit } from "./audit";
import { db } from "./db";
import type { Principal } from "@/lib/domain/principal";
import { requireAdmin } from "./access";

export interface CreateExemption {
  checkId: string;
  /** One part of a bundled check (resource-limits: cpu); null exempts every result of the check. */
  concern?: string | null;
  namespacePattern: string;
  namePattern: string;
  reason: string;
  expiresAt: Date | null;
}

const exemptionSelect = {
  id: true,
  checkId: true,
  concern: true,
  namespacePattern: true,
  namePattern: true,
  reason: true,
  expiresAt: true,
  createdAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

export async function listExemptions(p: Principal, now = new Date()) {
  requireAdmin(p);
  const rows = await (
    await db()
  ).exemption.findMany({ select: exemptionSelect, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({ ...r, active: !r.revokedAt && (!r.expiresAt || r.expiresAt > now) }));
}

export async function createExemption(p: Principal, input: CreateExemption) {
  const actor = requireAdmin(p, { write: true }).user;
  if (input.concern) {
    const concerns = getCheck(input.checkId)?.concerns ?? [];
    if (!concerns.includes(input.concern)) {
      const message =
        concerns.length > 0
          ? `${input.checkId} has the concerns ${concerns.join(", ")}.`
          : `${input.checkId} has no concerns to target; leave the concern empty.`;
      throw new AppError("validation", message, { errors: [{ path: "concern", message }] });
    }
  }
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const row = await tx.exemption.create({
      data: { ...input, createdById: actor.id },
      select: exemptionSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "exemption.create",
      entityType: "exemption",
      entityId: row.id,
      summary: `Exempted ${input.namespacePattern}/${input.namePattern} from ${input.checkId}${input.concern ? ` (${input.concern})` : ""}`,
      after: input,
    });
    return row;
  });
}

export async function revokeExemption(p: Principal, id: string) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.exemption.findUnique({ where: { id }, select: exemptionSelect });
    if (!row || row.revokedAt) throw notFound("Exemption");
    await tx.exemption.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "exemption.revoke",
      entityType: "exemption",
      entityId: id,
      summary: `Revoked exemption of ${row.namespacePattern}/${row.namePattern} from ${row.checkId}`,
      before: row,
    });
  });
}

/** Rules the engine applies now; expired and revoked exemptions no longer apply. */
export async function activeExemptionRules(
  now = new Date(),
): Promise<{ rules: ExemptionRule[]; fingerprint: string }> {
  const rows = await (
    await db()
  ).exemption.findMany({
    where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: {
      id: true,
      checkId: true,
      concern: true,
      namespacePattern: true,
      namePattern: true,
      reason: true,
    },
    orderBy: { id: "asc" },
  });
  const rules = rows.map((r) => ({
    checkId: r.checkId,
    ...(r.concern ? { concern: r.concern } : {}),
    ...(r.namespacePattern === "*" ? {} : { namespace: r.namespacePattern }),
    ...(r.namePattern === "*" ? {} : { name: r.namePattern }),
    reason: `${r.reason} (admin exemption)`,
  }));
  return {
    rules,
    fingerprint: createHash("sha256")
      .update(JSON.stringify(rows.map((r) => r.id)))
      .digest("hex"),
  };
}
