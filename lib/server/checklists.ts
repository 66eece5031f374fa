// Checklists, their versions (drafts are editable, published ones immutable) and items.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import { DEFAULT_CHECKLIST_SLUG, defaultChecklist } from "@/lib/engine/checklist/default";
import { diffChecklists } from "@/lib/engine/checklist/diff";
import { ZChecklistItem, type ChecklistFile, type ChecklistItem } from "@/lib/engine/checklist/model";
import { checklistParams, itemParamIssues } from "@/lib/engine/checklist/params";
import type { CheckParams } from "@/lib/engine/checks/types";
import { Prisma, type Prisma as P, type PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { db } from "./db";
import type { Principal } from "@/lib/domain/principal";
import { requireAdmin, requireUser } from "./access";

export const itemSelect = {
  id: true,
  key: true,
  position: true,
  kind: true,
  checkId: true,
  question: true,
  title: true,
  category: true,
  severity: true,
  weight: true,
  rationale: true,
  remediation: true,
  enabled: true,
  params: true,
} as const;
export type ItemRow = P.ChecklistItemGetPayload<{ select: typeof itemSelect }>;

const versionSummarySelect = {
  id: true,
  number: true,
  status: true,
  publishedAt: true,
  publishedBy: { select: { name: true } },
  _count: { select: { items: true } },
} as const;

type VersionSummaryRow = P.ChecklistVersionGetPayload<{ select: typeof versionSummarySelect }>;

function versionSummary({ _count, ...v }: VersionSummaryRow) {
  return { ...v, itemCount: _count.items };
}

const checklistSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  versions: { select: versionSummarySelect, orderBy: { number: "desc" } },
} as const;

type ChecklistRow = P.ChecklistGetPayload<{ select: typeof checklistSelect }>;
const checklistDto = (c: ChecklistRow) => ({ ...c, versions: c.versions.map(versionSummary) });

/** A database row as the engine's checklist item. */
export function toItem(row: ItemRow): ChecklistItem {
  const base = {
    key: row.key,
    title: row.title,
    category: row.category,
    severity: row.severity,
    weight: row.weight,
    rationale: row.rationale,
    remediation: row.remediation,
    enabled: row.enabled,
  };
  // Rows were validated on the way in; parsing again keeps the types honest.
  return ZChecklistItem.parse(
    row.kind === "automated"
      ? {
          ...base,
          kind: "automated",
          checkId: row.checkId,
          ...(row.params !== null ? { params: row.params } : {}),
        }
      : { ...base, kind: "manual", question: row.question },
  );
}

function itemData(item: ChecklistItem, position: number) {
  return {
    key: item.key,
    position,
    kind: item.kind,
    checkId: item.kind === "automated" ? item.checkId : null,
    question: item.kind === "manual" ? item.question : null,
    title: item.title,
    category: item.category,
    severity: item.severity,
    weight: item.weight,
    rationale: item.rationale,
    remediation: item.remediation,
    enabled: item.enabled,
    // DbNull stores SQL NULL for "no params" (the check's defaults).
    params:
      item.kind === "automated" && item.params !== undefined
        ? (item.params as P.InputJsonObject)
        : Prisma.DbNull,
  };
}

/** An item's params must name the check's parameters with valid values: a 4xx saying which, otherwise. */
function assertValidParams(item: ChecklistItem): void {
  const errors = itemParamIssues([item], () => "");
  if (errors.length > 0) {
    throw new AppError("validation", `Invalid item (${errors[0]?.path}): ${errors[0]?.message}`, { errors });
  }
}

export async function listChecklists(p: Principal) {
  requireAdmin(p);
  const rows = await (await db()).checklist.findMany({ select: checklistSelect, orderBy: { name: "asc" } });
  return rows.map(checklistDto);
}

export async function getChecklist(p: Principal, id: string) {
  requireAdmin(p);
  const row = await (await db()).checklist.findUnique({ where: { id }, select: checklistSelect });
  if (!row) throw notFound("Checklist");
  return checklistDto(row);
}

/** Checklists with a published version, for members choosing one for an assessment. */
export async function listPublishedChecklists(p: Principal) {
  requireUser(p);
  const rows = await (
    await db()
  ).checklist.findMany({
    where: { versions: { some: { status: "published" } } },
    select: {
      id: true,
      name: true,
      description: true,
      versions: {
        where: { status: "published" },
        orderBy: { number: "desc" },
        take: 1,
        select: { id: true, number: true },
      },
    },
    orderBy: { name: "asc" },
  });
  return rows.map(({ versions, ...c }) => ({ ...c, latestVersion: versions[0]! }));
}

export async function createChecklist(
  p: Principal,
  input: { name: string; slug: string; description: string },
) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  const existing = await prisma.checklist.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (existing) {
    throw new AppError("conflict", `A checklist with the slug "${input.slug}" already exists.`, {
      errors: [{ path: "slug", message: "This slug is already in use." }],
    });
  }
  return prisma.$transaction(async (tx) => {
    const checklist = await tx.checklist.create({
      data: { ...input, versions: { create: { number: 1, status: "draft" } } },
      select: checklistSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist.create",
      entityType: "checklist",
      entityId: checklist.id,
      summary: `Created checklist "${input.name}"`,
      after: input,
    });
    return checklistDto(checklist);
  });
}

/** The checklist's draft, created from its latest published version when there is none. */
export async function ensureDraft(p: Principal, checklistId: string) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72019445)`;
    const versions = await tx.checklistVersion.findMany({
      where: { checklistId },
      orderBy: { number: "desc" },
      select: { id: true, number: true, status: true },
    });
    if (versions.length === 0) {
      const exists = await tx.checklist.findUnique({ where: { id: checklistId }, select: { id: true } });
      if (!exists) throw notFound("Checklist");
    }
    const draft = versions.find((v) => v.status === "draft");
    if (draft) return { version: draft, created: false };
    const latest = versions[0];
    const items = latest
      ? await tx.checklistItem.findMany({
          where: { versionId: latest.id },
          select: itemSelect,
          orderBy: { position: "asc" },
        })
      : [];
    const version = await tx.checklistVersion.create({
      data: {
        checklistId,
        number: (latest?.number ?? 0) + 1,
        items: { create: items.map((row) => itemData(toItem(row), row.position)) },
      },
      select: { id: true, number: true, status: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-version.draft",
      entityType: "checklist-version",
      entityId: version.id,
      summary: `Started draft v${version.number}${latest ? ` from v${latest.number}` : ""}`,
    });
    return { version, created: true };
  });
}

export async function getVersion(p: Principal, versionId: string) {
  requireAdmin(p);
  const row = await (
    await db()
  ).checklistVersion.findUnique({
    where: { id: versionId },
    select: {
      id: true,
      number: true,
      status: true,
      publishedAt: true,
      checklist: { select: { id: true, slug: true, name: true, description: true } },
      items: { select: itemSelect, orderBy: { position: "asc" } },
    },
  });
  if (!row) throw notFound("Checklist version");
  return row;
}

async function requireDraft(tx: P.TransactionClient, versionId: string) {
  const version = await tx.checklistVersion.findUnique({
    where: { id: versionId },
    select: { id: true, number: true, status: true, checklist: { select: { name: true } } },
  });
  if (!version) throw notFound("Checklist version");
  if (version.status !== "draft") {
    throw new AppError(
      "conflict",
      `Version ${version.number} is published and cannot change; edit a new draft instead.`,
    );
  }
  return version;
}

export async function addItem(p: Principal, versionId: string, item: ChecklistItem) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  assertValidParams(item);
  return prisma.$transaction(async (tx) => {
    const version = await requireDraft(tx, versionId);
    const clash = await tx.checklistItem.findUnique({
      where: { versionId_key: { versionId, key: item.key } },
      select: { id: true },
    });
    if (clash) {
      throw new AppError("conflict", `An item with the key "${item.key}" already exists in this version.`, {
        errors: [{ path: "key", message: "This key is already in use." }],
      });
    }
    const last = await tx.checklistItem.aggregate({ where: { versionId }, _max: { position: true } });
    const row = await tx.checklistItem.create({
      data: { versionId, ...itemData(item, (last._max.position ?? -1) + 1) },
      select: itemSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-item.create",
      entityType: "checklist-item",
      entityId: row.id,
      summary: `Added "${item.title}" to ${version.checklist.name} v${version.number}`,
      after: item,
    });
    return row;
  });
}

export async function updateItem(
  p: Principal,
  versionId: string,
  itemId: string,
  patch: Record<string, unknown>,
) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const version = await requireDraft(tx, versionId);
    const row = await tx.checklistItem.findFirst({ where: { id: itemId, versionId }, select: itemSelect });
    if (!row) throw notFound("Checklist item");
    const before = toItem(row);
    const parsed = ZChecklistItem.safeParse({ ...before, ...patch, key: before.key, kind: before.kind });
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      throw new AppError("validation", `Invalid item (${errors[0]?.path}): ${errors[0]?.message}`, {
        errors,
      });
    }
    assertValidParams(parsed.data);
    const updated = await tx.checklistItem.update({
      where: { id: itemId },
      data: itemData(parsed.data, row.position),
      select: itemSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-item.update",
      entityType: "checklist-item",
      entityId: itemId,
      summary: `Edited "${parsed.data.title}" in ${version.checklist.name} v${version.number}`,
      before,
      after: parsed.data,
    });
    return updated;
  });
}

export async function deleteItem(p: Principal, versionId: string, itemId: string) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const version = await requireDraft(tx, versionId);
    const row = await tx.checklistItem.findFirst({ where: { id: itemId, versionId }, select: itemSelect });
    if (!row) throw notFound("Checklist item");
    await tx.checklistItem.delete({ where: { id: itemId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-item.delete",
      entityType: "checklist-item",
      entityId: itemId,
      summary: `Removed "${row.title}" from ${version.checklist.name} v${version.number}`,
      before: toItem(row),
    });
  });
}

export async function reorderItems(p: Principal, versionId: string, keys: string[]) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const version = await requireDraft(tx, versionId);
    const rows = await tx.checklistItem.findMany({
      where: { versionId },
      select: { id: true, key: true },
      orderBy: { position: "asc" },
    });
    const current = rows.map((r) => r.key);
    if (
      keys.length !== current.length ||
      new Set(keys).size !== keys.length ||
      !keys.every((k) => current.includes(k))
    ) {
      throw new AppError(
        "validation",
        "The new order must list every item key of this version exactly once.",
      );
    }
    const byKey = new Map(rows.map((r) => [r.key, r.id]));
    for (const [position, key] of keys.entries()) {
      await tx.checklistItem.update({ where: { id: byKey.get(key)! }, data: { position } });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-version.reorder",
      entityType: "checklist-version",
      entityId: versionId,
      summary: `Reordered items of ${version.checklist.name} v${version.number}`,
      before: current,
      after: keys,
    });
    return tx.checklistItem.findMany({
      where: { versionId },
      select: itemSelect,
      orderBy: { position: "asc" },
    });
  });
}

export async function publishVersion(p: Principal, versionId: string) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const version = await requireDraft(tx, versionId);
    const published = await tx.checklistVersion.update({
      where: { id: versionId },
      data: { status: "published", publishedAt: new Date(), publishedById: actor.id },
      select: versionSummarySelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist-version.publish",
      entityType: "checklist-version",
      entityId: versionId,
      summary: `Published ${version.checklist.name} v${version.number}`,
    });
    return versionSummary(published);
  });
}

export async function exportVersion(p: Principal, versionId: string): Promise<ChecklistFile> {
  requireAdmin(p);
  const v = await getVersion(p, versionId);
  return {
    kubereadyChecklist: 1,
    slug: v.checklist.slug,
    name: v.checklist.name,
    description: v.checklist.description,
    items: v.items.map(toItem),
  };
}

async function writeFile(
  tx: P.TransactionClient,
  file: ChecklistFile,
  status: "draft" | "published",
  actorId?: string,
) {
  const existing = await tx.checklist.findUnique({
    where: { slug: file.slug },
    select: {
      id: true,
      versions: { select: { id: true, number: true, status: true }, orderBy: { number: "desc" } },
    },
  });
  const checklist = existing
    ? await tx.checklist.update({
        where: { id: existing.id },
        data: { name: file.name, description: file.description },
        select: { id: true, name: true },
      })
    : await tx.checklist.create({
        data: { slug: file.slug, name: file.name, description: file.description },
        select: { id: true, name: true },
      });
  const draft = existing?.versions.find((v) => v.status === "draft");
  if (draft) await tx.checklistItem.deleteMany({ where: { versionId: draft.id } });
  const version = draft
    ? await tx.checklistVersion.update({
        where: { id: draft.id },
        data: {},
        select: { id: true, number: true },
      })
    : await tx.checklistVersion.create({
        data: {
          checklistId: checklist.id,
          number: (existing?.versions[0]?.number ?? 0) + 1,
          status,
          publishedAt: status === "published" ? new Date() : null,
          publishedById: status === "published" ? actorId : null,
        },
        select: { id: true, number: true },
      });
  await tx.checklistItem.createMany({
    data: file.items.map((item, position) => ({ versionId: version.id, ...itemData(item, position) })),
  });
  return { checklist, version, replacedDraft: Boolean(draft) };
}

/** Imports a validated checklist file as a draft: of a new checklist, or the next draft of the one with its slug. */
export async function importChecklist(p: Principal, file: ChecklistFile) {
  const actor = requireAdmin(p, { write: true }).user;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72019445)`;
    const result = await writeFile(tx, file, "draft");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "checklist.import",
      entityType: "checklist-version",
      entityId: result.version.id,
      summary: `Imported ${file.items.length} items into ${file.name} v${result.version.number}${result.replacedDraft ? " (replacing the draft)" : ""}`,
      after: { slug: file.slug, name: file.name, items: file.items.length },
    });
    return result;
  });
}

export async function diffVersions(p: Principal, fromId: string, toId: string) {
  requireAdmin(p);
  const [from, to] = await Promise.all([getVersion(p, fromId), getVersion(p, toId)]);
  const withPosition = (rows: ItemRow[]) =>
    rows.map((r) => ({ ...toItem(r), position: r.position, id: r.id }));
  return diffChecklists(withPosition(from.items), withPosition(to.items));
}

/** First start: seed the default "Production readiness" checklist as published v1. */
export async function ensureDefaultChecklist(prisma: PrismaClient): Promise<void> {
  if ((await prisma.checklist.count({ where: { slug: DEFAULT_CHECKLIST_SLUG } })) > 0) return;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(72019445)`;
    if ((await tx.checklist.count({ where: { slug: DEFAULT_CHECKLIST_SLUG } })) > 0) return;
    await writeFile(tx, defaultChecklist(), "published");
  });
}

/** The latest published version of a checklist (default: the seeded one). */
export async function latestPublishedVersion(checklistId?: string) {
  const prisma = await db();
  return prisma.checklistVersion.findFirst({
    where: {
      status: "published",
      checklist: checklistId ? { id: checklistId } : { slug: DEFAULT_CHECKLIST_SLUG },
    },
    orderBy: { number: "desc" },
    select: { id: true, number: true, checklistId: true, checklist: { select: { name: true } } },
  });
}

/**
 * The check parameters an assessment's analyses run with: those its pinned checklist version's items set
 * (the default checklist's latest version for an assessment not pinned yet).
 */
export async function assessmentCheckParams(assessmentId: string): Promise<CheckParams> {
  const prisma = await db();
  const a = await prisma.assessment.findUnique({
    where: { id: assessmentId },
    select: { checklistVersionId: true },
  });
  const versionId = a?.checklistVersionId ?? (await latestPublishedVersion())?.id;
  if (!versionId) return {};
  const rows = await prisma.checklistItem.findMany({
    where: { versionId, kind: "automated", enabled: true, NOT: { params: { equals: Prisma.DbNull } } },
    select: itemSelect,
    orderBy: { position: "asc" },
  });
  return checklistParams(rows.map(toItem));
}
