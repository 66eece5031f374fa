// The report: need-Kubernetes verdict from the answers (plus snapshot facts), readiness from the
// pinned checklist version on the latest snapshot and manual answers. The same DTO feeds the page,
// the JSON API and shared links.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import { assessNeedKubernetes, heuristicExplanation } from "@/lib/engine/heuristic/need-kubernetes";
import { questionnaireProgress } from "@/lib/engine/heuristic/questionnaire";
import { verdictChanges, type VerdictChange } from "@/lib/engine/heuristic/verdict-changes";
import type { Category, CertificateFact, ClusterFacts, SnapshotWarning } from "@/lib/engine/types";
import type { Principal } from "@/lib/domain/principal";
import { ZReportChecksQuery } from "@/lib/domain/schemas";
import { ENGINE_VERSION } from "@/lib/engine/engine-version";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorizeAssessment, type AssessmentGrant } from "./access";
import { answersOf, snapshotFactsForHeuristic } from "./assessments";
import { db } from "./db";
import { sha256 } from "./crypto";
import { listReports, readinessFor } from "./scoring";
import { readFullFindings } from "./snapshots";
import { listFindings } from "./findings";
import { AFFECTED_FIRST_PAGE, categoryOf, checklistFindings, firstPageOfAffected } from "./report-model";

export { AFFECTED_FIRST_PAGE };

/**
 * verdictChanges runs the heuristic a hundred or so times (tens of milliseconds); a report is read far
 * more often than its answers change, so the last results are kept per process. The function is pure,
 * so a stale entry cannot exist: the key is its whole input.
 */
const changesCache = new Map<string, VerdictChange[]>();
function cachedVerdictChanges(...args: Parameters<typeof verdictChanges>): VerdictChange[] {
  const key = JSON.stringify(args);
  let value = changesCache.get(key);
  if (!value) {
    value = verdictChanges(...args);
    if (changesCache.size >= 200) changesCache.delete(changesCache.keys().next().value!);
  }
  changesCache.delete(key);
  changesCache.set(key, value);
  return value;
}

/**
 * Behind a share link the report names no account. Findings list their first AFFECTED_FIRST_PAGE
 * affected objects (with `affectedListed` saying how many there are); `allAffected` reads every one,
 * for exports. Reports without `allAffected` come from the report-model cache (see cachedModel).
 */
export async function buildReport(p: Principal, assessmentId: string, { allAffected = false } = {}) {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  if (allAffected) return computeReport(grant, true);
  const model = await cachedModel(grant);
  // The model is shared by every reader of this version: a fresh top level, nothing else is copied.
  return { ...model, generatedAt: new Date().toISOString() };
}

async function computeReport(grant: AssessmentGrant, allAffected: boolean) {
  const shared = grant.principal.kind === "share";
  const prisma = await db();
  const assessment = await prisma.assessment.findUnique({
    where: { id: grant.id },
    select: { id: true, name: true, team: { select: { name: true } }, updatedAt: true },
  });
  if (!assessment) throw notFound("Assessment");
  const [{ answers }, readiness, history] = await Promise.all([
    answersOf(grant),
    readinessFor(grant),
    listReports(grant),
  ]);
  const { snapshot, score } = readiness;
  const full = allAffected && snapshot ? await readFullFindings(grant, snapshot.id) : null;
  const analysis =
    readiness.analysis && full ? { ...readiness.analysis, findings: full } : readiness.analysis;
  const facts = snapshot ? (snapshot.facts as unknown as ClusterFacts) : null;
  const findings = analysis && score ? checklistFindings(analysis.findings, score.items) : [];
  return {
    assessment: { name: assessment.name, team: assessment.team.name, updatedAt: assessment.updatedAt },
    generatedAt: new Date().toISOString(),
    needKubernetes: assessNeedKubernetes(answers, snapshotFactsForHeuristic(facts)),
    /** The smallest answer changes that would give another verdict or recommendation. */
    verdictChanges: cachedVerdictChanges(answers, snapshotFactsForHeuristic(facts)),
    heuristic: heuristicExplanation,
    questionnaire: questionnaireProgress(answers),
    checklist: readiness.checklist,
    readiness: score,
    /** The readiness shown is being recomputed in the background (newer engine, changed exemptions). */
    refreshing: readiness.refreshing,
    snapshot: snapshot
      ? {
          id: snapshot.id,
          name: snapshot.name,
          filename: snapshot.filename,
          uploadedAt: snapshot.createdAt,
          uploadedBy: shared ? null : snapshot.uploadedBy.name,
          objectCount: snapshot.objectCount,
          facts,
          warnings: snapshot.warnings as unknown as SnapshotWarning[],
          certificates: snapshot.certificates as unknown as CertificateFact[],
          /** The engine's own score of the snapshot alone, before the checklist's weights. */
          engineScore: analysis?.score.score ?? null,
        }
      : null,
    /**
     * Failing checks on the checklist. Each carries `affectedCount` (objects), `affectedListed` (failing
     * results, containers apart) and the first AFFECTED_FIRST_PAGE of them — every one with allAffected.
     */
    findings: allAffected ? findings : firstPageOfAffected(findings),
    history: history.map((h) => ({
      createdAt: h.createdAt,
      snapshotId: h.snapshotId,
      reason: h.reason,
      score: h.score,
      grade: h.grade,
      checklist: `${h.checklistVersion.checklist.name} v${h.checklistVersion.number}`,
      categories: h.categories,
      counts: h.counts,
      by: shared ? null : h.createdBy.name,
    })),
  };
}

type ReportModel = Awaited<ReturnType<typeof computeReport>>;

/**
 * The report model cache. Building a report reads the stored analysis, the checklist, the history and
 * scores them (hundreds of milliseconds on a 20,000-object snapshot); reading it is far more frequent
 * than anything it depends on changes. Each process keeps the last models, each under the version stamp
 * of everything it was built from — one small query (reportStamp) that every instance sharing the
 * database runs before using its copy, so a change made through any instance is seen at once.
 * The stamp is read before the model is built: a change racing the build leaves a model newer than its
 * stamp, which the next read rebuilds, never an older one kept.
 */
const MODELS = 32;
const models = new Map<string, { stamp: string | null; model: Promise<ReportModel> }>();

async function cachedModel(grant: AssessmentGrant): Promise<ReportModel> {
  // Shared and signed-in readers see different models (names of people are left out of shared ones).
  const key = `${grant.id}:${grant.principal.kind === "share" ? "share" : "user"}`;
  const stamp = await reportStamp(grant);
  const hit = models.get(key);
  if (hit && hit.stamp === stamp) {
    models.delete(key);
    models.set(key, hit);
    return hit.model;
  }
  const model = computeReport(grant, false);
  models.delete(key);
  models.set(key, { stamp, model });
  while (models.size > MODELS) models.delete(models.keys().next().value!);
  // A failed build is not kept: the next reader tries again.
  model.catch(() => {
    if (models.get(key)?.model === model) models.delete(key);
  });
  return model;
}

/**
 * Starts building the report model before anyone asks for it: after an upload, whose uploader reads the
 * report next (the browser moves on to it, a CI script fetches it), so that read finds it built or under
 * way. A failure is left to that reader, who builds it again.
 */
export function prepareReport(grant: AssessmentGrant): void {
  cachedModel(grant).catch(() => {});
}

/** Whether a signed-in reader's model of the assessment is cached (tests). */
export function reportModelCached(assessmentId: string): boolean {
  return models.has(`${assessmentId}:user`);
}

/** Forgets every cached model (tests, and a process that wants its memory back). */
export function clearReportModels(): void {
  models.clear();
}

/**
 * Everything a report is built from, as one SQL expression over `a` (the assessment) and `t` (its
 * team): the assessment (answers move its version), its team's name, the latest snapshot and its
 * re-analyses (updatedAt), the snapshot count, manual answers, saved reports (history), the pinned and
 * published checklist versions, exemptions (with how many are in force now, so one expiring counts) and
 * the names of people. Every part is read through an index on the assessment or from a small table.
 */
const STAMP_SQL = Prisma.sql`concat_ws('|',
      a.version, a."updatedAt", a.name, a."checklistVersionId", t.name,
      (SELECT concat_ws(',', s.id, s."updatedAt", s.name, s.baseline) FROM "Snapshot" s
        WHERE s."assessmentId" = a.id ORDER BY s."createdAt" DESC LIMIT 1),
      (SELECT concat_ws(',', count(*), max(s."updatedAt")) FROM "Snapshot" s WHERE s."assessmentId" = a.id),
      (SELECT concat_ws(',', count(*), max(x."updatedAt")) FROM "Answer" x WHERE x."assessmentId" = a.id),
      (SELECT concat_ws(',', count(*), max(m."updatedAt")) FROM "ManualAnswer" m WHERE m."assessmentId" = a.id),
      (SELECT concat_ws(',', count(*), max(r."createdAt")) FROM "Report" r WHERE r."assessmentId" = a.id),
      (SELECT concat_ws(',', count(*), max(e."createdAt"), max(e."revokedAt"),
          count(*) FILTER (WHERE e."revokedAt" IS NULL AND (e."expiresAt" IS NULL OR e."expiresAt" > now())))
        FROM "Exemption" e),
      (SELECT concat_ws(',', count(*), max(v."publishedAt")) FROM "ChecklistVersion" v
        WHERE v.status = 'published'),
      (SELECT max(c."updatedAt") FROM "Checklist" c),
      (SELECT max(u."updatedAt") FROM "User" u)
    )`;

/** The stamp as the cache compares it: the database's part, the engine version and the day (relative dates such as certificate expiry). */
const fullStamp = (stamp: string) => `${stamp}|${ENGINE_VERSION}|${new Date().toISOString().slice(0, 10)}`;

/**
 * The version stamp of everything a report is built from (STAMP_SQL), one small query. Unknown
 * assessments give null (the build then says not found).
 */
export async function reportStamp(grant: AssessmentGrant): Promise<string | null> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ stamp: string }[]>`
    SELECT ${STAMP_SQL} AS stamp
    FROM "Assessment" a JOIN "Team" t ON t.id = a."teamId"
    WHERE a.id = ${grant.id}::uuid`;
  const row = rows[0];
  return row ? fullStamp(row.stamp) : null;
}

/**
 * The version of the page a share token shows, or null when the link is unknown, revoked or expired
 * (then the page answers 404): the link and the report stamp of its assessment, read in one query on
 * every request, so a revoked link or any change to the report is seen by the next request. The HTTP
 * layer keeps the rendered shared page under this version (lib/api/shared-page-cache.ts); nothing is
 * counted here — the caller counts the view it serves (countShareView).
 */
export async function sharedPageVersion(token: string): Promise<{ linkId: string; version: string } | null> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ linkId: string; stamp: string }[]>`
    SELECT l.id::text AS "linkId", ${STAMP_SQL} AS stamp
    FROM "ShareLink" l
      JOIN "Assessment" a ON a.id = l."assessmentId"
      JOIN "Team" t ON t.id = a."teamId"
    WHERE l."tokenHash" = ${sha256(token)} AND l."revokedAt" IS NULL
      AND (l."expiresAt" IS NULL OR l."expiresAt" > now())`;
  const row = rows[0];
  return row ? { linkId: row.linkId, version: `${row.linkId}|${fullStamp(row.stamp)}` } : null;
}

export type Report = Awaited<ReturnType<typeof buildReport>>;

/**
 * One category card of the report: its score and its checklist items, failing first (most severe and
 * widespread first), a page at a time. A failing check carries its fix, its counts and its first
 * affected objects; the rest are paged by the findings API. Exactly what the report shows, so a share
 * link may read it.
 */
export async function reportCategory(p: Principal, assessmentId: string, category: Category, page: number) {
  const report = await buildReport(p, assessmentId);
  return categoryOf(report, category, page);
}

export type ReportCategory = Awaited<ReturnType<typeof reportCategory>>;

/** Objects of one failing check shown per page of a category card. */
export const CHECK_OBJECTS_PAGE_SIZE = 25;

/**
 * GET …/report/checks: a category card (`category`, `page`), or with `check` a page of that check's
 * failing objects (the findings explorer's rows, one per object). `rawQuery` is validated after access,
 * so outsiders learn nothing from a 400.
 */
export async function reportChecks(p: Principal, assessmentId: string, rawQuery: unknown) {
  await authorizeAssessment(p, assessmentId, "read");
  const parsed = ZReportChecksQuery.safeParse(rawQuery);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError(
      "validation",
      `Invalid query${first?.path.length ? ` (${first.path.join(".")})` : ""}: ${first?.message ?? "malformed"}`,
    );
  }
  const { category, page, check } = parsed.data;
  if (!check)
    return { kind: "category" as const, ...(await reportCategory(p, assessmentId, category, page)) };
  const found = await listFindings(p, assessmentId, {
    check,
    category,
    page,
    pageSize: CHECK_OBJECTS_PAGE_SIZE,
    sort: "namespace",
  });
  return {
    kind: "objects" as const,
    category,
    check,
    page,
    pages: found.pages,
    total: found.total,
    partial: found.partial,
    objects: found.rows.map((r) => ({
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      containers: r.containers,
      messages: r.messages,
    })),
  };
}
