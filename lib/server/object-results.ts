// Every result of a snapshot, object by object: the exempt and passing objects the findings explorer
// lists by status, the check pages (every affected object of one check) and the object pages (every
// result of one object, its owning workload and patches).
//
// Storage: exempt and passing results are not stored. They are recomputed on demand by running the
// checks again over the snapshot's stored (redacted) objects, with the exemptions and check parameters in
// force now, on the results thread (lib/server/results-thread.ts), which keeps the last two snapshots'
// views. Storing them instead would mean one row per object per check: a 20,000-object snapshot × ~100
// checks is up to 2 million results (≈116,000 on our synthetic 20k bench snapshot, most of them passes),
// rewritten at every re-analysis. Recomputing costs no bytes at all; the price is time on the first
// question after a restart, a new analysis or an idle thread (one check: the objects' gunzip, ≈0.4 s on
// 20k objects, plus that check; every check, as the object page and the explorer's exempt/pass views
// need: ≈2.5 s on this machine), spent on that thread while the event loop goes on answering. Failing
// rows of the explorer stay on the stored findings (they are what the report counts), except while that
// analysis is being refreshed.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { ZCheckObjectsQuery, type CheckObjectsQuery } from "@/lib/domain/schemas";
import { checkCatalogue } from "@/lib/engine/analyze";
import type { CheckParams } from "@/lib/engine/checks/types";
import { ENGINE_VERSION } from "@/lib/engine/engine-version";
import type { OwnerRef } from "@/lib/engine/owners";
import type { Patch } from "@/lib/engine/patches";
import type {
  CheckRowsPage,
  ObjectResultRow,
  ObjectRows,
  ResultStatus,
  RowWithOwner,
} from "@/lib/engine/results-view";
import type { CertificateFact, CheckInfo, ClusterFacts, Severity } from "@/lib/engine/types";
import type { ResultsQuestion } from "@/lib/engine/worker/results-worker";
import { authorizeAssessment, type AssessmentGrant } from "./access";
import { askResults } from "./results-thread";
import { readinessFor } from "./scoring";
import { analysisSettings, readSnapshotObjectsGz } from "./snapshots";

export type { ObjectResultRow, ResultStatus };

interface SnapshotRow {
  id: string;
  facts: unknown;
  certificates: unknown;
}

const RANK: Record<ResultStatus, number> = { fail: 2, exempt: 1, pass: 0 };

/** Asks the results thread about the snapshot's view under the settings in force now. */
async function ask<T>(grant: AssessmentGrant, snapshot: SnapshotRow, question: ResultsQuestion): Promise<T> {
  const { rules, params, fingerprint } = await analysisSettings(grant.id);
  return askResults<T>(`${snapshot.id}:${ENGINE_VERSION}:${fingerprint}`, question, async () => ({
    // A copy of its own: the bytes are transferred to the thread, and the read may share a pooled buffer.
    gz: new Uint8Array(await readSnapshotObjectsGz(grant, snapshot.id)),
    facts: snapshot.facts as ClusterFacts,
    certificates: snapshot.certificates as CertificateFact[],
    rules,
    params,
    now: Date.now(),
  }));
}

/** A row of the explorer's exempt or pass views: its owner when asked for, else null. */
export type StatusRow = Omit<ObjectResultRow, "failing"> & { owner: OwnerRef | null };

/** What the explorer needs for its exempt and pass views and for grouping by owner. */
export interface SnapshotResults {
  /** Each check's objects with that status. */
  rows: (
    checkIds: readonly string[],
    status: ResultStatus,
    withOwners: boolean,
  ) => Promise<Record<string, StatusRow[]>>;
  /** The owning workload of each object, in order. */
  owners: (refs: { kind: string; namespace: string; name: string }[]) => Promise<(OwnerRef | null)[]>;
}

/** The snapshot's results and owners, for a caller already granted the assessment (see findings.ts). */
export function snapshotResults(grant: AssessmentGrant, snapshot: SnapshotRow): SnapshotResults {
  return {
    rows: (checkIds, status, withOwners) =>
      ask(grant, snapshot, { op: "status", checkIds: [...checkIds], status, withOwners }),
    owners: (refs) => ask(grant, snapshot, { op: "owners", refs }),
  };
}

function parseQuery(raw: unknown): CheckObjectsQuery {
  const result = ZCheckObjectsQuery.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first?.path.join(".");
  throw new AppError("validation", `Invalid query${path ? ` (${path})` : ""}: ${first?.message}`);
}

/** Parameter values in effect for a check: the checklist's, over the check's defaults. */
function paramsInEffect(info: CheckInfo, params: CheckParams) {
  return info.params.map((p) => {
    const set = params[info.id]?.[p.name];
    return {
      name: p.name,
      description: p.description,
      value: set ?? p.default,
      isDefault: set === undefined,
    };
  });
}

export interface CheckPage {
  check: {
    id: string;
    title: string;
    category: CheckInfo["category"];
    severity: Severity;
    rationale: string;
    remediation: string;
    scope: string;
    references: string[];
    params: { name: string; description: string; value: unknown; isDefault: boolean }[];
    /** The check is not on the assessment's checklist (it still ran: the checklist only scores). */
    onChecklist: boolean;
  };
  snapshot: { id: string; name: string | null; filename: string } | null;
  query: CheckObjectsQuery;
  /** Objects per status (each object once). */
  counts: Record<ResultStatus, number>;
  total: number;
  pages: number;
  rows: RowWithOwner[];
}

/** One check of the latest snapshot: what it is and every object it judged, by status, paginated. */
export async function checkObjects(
  p: Principal,
  assessmentId: string,
  checkId: string,
  rawQuery: unknown,
): Promise<CheckPage> {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  const info = checkCatalogue().find((c) => c.id === checkId);
  if (!info) throw notFound("Check");
  const query = parseQuery(rawQuery);
  const { snapshot, score } = await readinessFor(grant);
  const item = score?.items.find((i) => i.checkId === checkId);
  const { params } = await analysisSettings(grant.id);
  const page: CheckPage = {
    check: {
      id: info.id,
      title: item?.title ?? info.title,
      category: item?.category ?? info.category,
      severity: item?.severity ?? info.severity,
      rationale: info.rationale,
      remediation: item?.remediation ?? info.remediation,
      scope: info.scope,
      references: info.references,
      params: paramsInEffect(info, params),
      onChecklist: item !== undefined,
    },
    snapshot: snapshot ? { id: snapshot.id, name: snapshot.name, filename: snapshot.filename } : null,
    query,
    counts: { fail: 0, exempt: 0, pass: 0 },
    total: 0,
    pages: 0,
    rows: [],
  };
  if (!snapshot) return page;
  const { counts, total, rows } = await ask<CheckRowsPage>(grant, snapshot, {
    op: "check",
    query: { checkId, ...query },
  });
  return { ...page, counts, total, pages: Math.ceil(total / query.pageSize), rows };
}

export interface ObjectPage {
  object: { kind: string; namespace: string; name: string; apiVersion: string | null; inSnapshot: boolean };
  owner: OwnerRef | null;
  snapshot: { id: string; name: string | null; filename: string } | null;
  /** Every result for the object, one per check (checks on the checklist, at its severity). */
  results: (ObjectResultRow & { title: string; severity: Severity; category: CheckInfo["category"] })[];
  counts: Record<ResultStatus, number>;
  patches: Patch[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** One object of the latest snapshot: every result for it, its owning workload and patches. */
export async function objectResults(
  p: Principal,
  assessmentId: string,
  ref: { kind: string; namespace: string; name: string },
): Promise<ObjectPage> {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  const { snapshot, score, analysis } = await readinessFor(grant);
  if (!snapshot || !analysis) throw notFound("Object");
  const items = new Map((score?.items ?? []).flatMap((i) => (i.checkId ? [[i.checkId, i] as const] : [])));
  // Without a checklist every check that ran counts, at its own severity (as the CLI reports).
  const checks = new Map(
    (score ? analysis.checks.filter((c) => items.has(c.id)) : analysis.checks).map((c) => [c.id, c]),
  );
  const found = await ask<ObjectRows>(grant, snapshot, { op: "object", checkIds: [...checks.keys()], ref });
  const results: ObjectPage["results"] = found.rows.map((row) => {
    const c = checks.get(row.checkId)!;
    const item = items.get(c.id);
    return {
      ...row,
      title: item?.title ?? c.title,
      severity: item?.severity ?? c.severity,
      category: item?.category ?? c.category,
    };
  });
  if (!found.inSnapshot && results.length === 0) throw notFound("Object");
  results.sort(
    (a, b) =>
      RANK[b.status] - RANK[a.status] ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.checkId.localeCompare(b.checkId),
  );
  const counts = { fail: 0, exempt: 0, pass: 0 };
  for (const r of results) counts[r.status]++;
  return {
    object: { ...ref, apiVersion: found.apiVersion, inSnapshot: found.inSnapshot },
    owner: found.owner,
    snapshot: { id: snapshot.id, name: snapshot.name, filename: snapshot.filename },
    results,
    counts,
    patches: found.patches,
  };
}
