// Every result of a snapshot, object by object: the exempt and passing objects the findings explorer
// lists by status, the check pages (every affected object of one check) and the object pages (every
// result of one object, its owning workload and patches).
//
// Storage: exempt and passing results are not stored. They are recomputed on demand by running the
// checks again over the snapshot's stored (redacted) objects, with the exemptions and check parameters in
// force now, and kept per analysed snapshot in a small in-memory LRU. Storing them instead would mean one
// row per object per check: a 20,000-object snapshot × ~100 checks is up to 2 million results
// (≈116,000 on our synthetic 20k bench snapshot, most of them passes), rewritten at every re-analysis.
// Recomputing costs no bytes at all; the price is time on the first request after a restart or a new
// analysis (one check: the objects' gunzip, ≈0.4 s on 20k objects, plus that check; every check, as
// the object page and the explorer's exempt/pass views need: ≈2.5 s on this machine), then nothing
// until the entry is evicted. Checks are evaluated lazily, only those asked for. Failing rows of the
// explorer stay on the stored findings (they are what the report counts), except while that analysis
// is being refreshed.
import "server-only";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { ZCheckObjectsQuery, type CheckObjectsQuery } from "@/lib/domain/schemas";
import { checkCatalogue } from "@/lib/engine/analyze";
import { buildContext } from "@/lib/engine/checks/context";
import { CHECKS } from "@/lib/engine/checks/registry";
import { evaluateChecks } from "@/lib/engine/checks/run";
import type { CheckContext } from "@/lib/engine/checks/types";
import { ENGINE_VERSION } from "@/lib/engine/engine-version";
import { OwnerIndex, type OwnerRef } from "@/lib/engine/owners";
import { patchesFor, type Patch } from "@/lib/engine/patches";
import type {
  CertificateFact,
  CheckInfo,
  ClusterFacts,
  ExemptionRule,
  K8sObject,
  Severity,
} from "@/lib/engine/types";
import type { CheckParams } from "@/lib/engine/checks/types";
import { authorizeAssessment, type AssessmentGrant } from "./access";
import { readinessFor } from "./scoring";
import { analysisSettings, readSnapshotObjects } from "./snapshots";

export type ResultStatus = "fail" | "exempt" | "pass";

/** One object's results for one check: the worst status wins (fail, then exempt, then pass). */
export interface ObjectResultRow {
  checkId: string;
  status: ResultStatus;
  /** Empty for cluster-wide results. */
  kind: string;
  namespace: string;
  name: string;
  containers: string[];
  messages: string[];
  /** Why the object is exempt: the admin exemption's or the kubeready.io/exempt annotation's reason. */
  exemptions: { reason: string; source: "admin exemption" | "annotation" }[];
  /** The failing results in detail (container, concern), for patches. */
  failing: { container?: string; concern?: string }[];
}

interface View {
  objects: K8sObject[];
  owners: OwnerIndex;
  context: CheckContext | undefined;
  /** Rows per evaluated check. */
  rows: Map<string, ObjectResultRow[]>;
  rules: ExemptionRule[];
  params: CheckParams;
}

const CACHE_SIZE = 2;
const views = new Map<string, Promise<View>>();

interface SnapshotRow {
  id: string;
  facts: unknown;
  certificates: unknown;
}

const ADMIN_SUFFIX = " (admin exemption)";
const RANK: Record<ResultStatus, number> = { fail: 2, exempt: 1, pass: 0 };
const objectKey = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

/** The snapshot's objects, owner index and the results evaluated so far, cached per analysis settings. */
async function viewOf(grant: AssessmentGrant, snapshot: SnapshotRow): Promise<View> {
  const { rules, params, fingerprint } = await analysisSettings(grant.id);
  const key = `${snapshot.id}:${ENGINE_VERSION}:${fingerprint}`;
  const hit = views.get(key);
  if (hit) {
    views.delete(key);
    views.set(key, hit);
    return hit;
  }
  const loading = readSnapshotObjects(grant, snapshot.id).then((objects): View => ({
    objects,
    owners: new OwnerIndex(objects),
    context: undefined,
    rows: new Map(),
    rules,
    params,
  }));
  views.set(key, loading);
  loading.catch(() => views.delete(key));
  while (views.size > CACHE_SIZE) views.delete(views.keys().next().value!);
  return loading;
}

/** Rows of the checks asked for, evaluating those not evaluated yet (in one pass over the snapshot). */
function rowsOf(
  view: View,
  snapshot: SnapshotRow,
  checkIds: readonly string[],
): Map<string, ObjectResultRow[]> {
  const missing = new Set(checkIds.filter((id) => !view.rows.has(id)));
  if (missing.size > 0) {
    view.context ??= buildContext(
      {
        objects: view.objects,
        facts: snapshot.facts as ClusterFacts,
        certificates: snapshot.certificates as CertificateFact[],
      },
      new Date(),
    );
    const { results } = evaluateChecks(
      CHECKS.filter((c) => missing.has(c.id)),
      view.context,
      { exemptions: view.rules, params: view.params, results: "all" },
    );
    const byCheck = new Map<string, Map<string, ObjectResultRow>>();
    for (const id of missing) byCheck.set(id, new Map());
    for (const r of results) {
      if (r.status === "skip" || r.status === "error") continue;
      const kind = r.object?.kind ?? "";
      const namespace = r.object?.namespace ?? "";
      const name = r.object?.name ?? "";
      const rows = byCheck.get(r.checkId)!;
      const key = objectKey(kind, namespace, name);
      let row = rows.get(key);
      if (!row) {
        row = {
          checkId: r.checkId,
          status: r.status,
          kind,
          namespace,
          name,
          containers: [],
          messages: [],
          exemptions: [],
          failing: [],
        };
        rows.set(key, row);
      } else if (RANK[r.status] > RANK[row.status]) row.status = r.status;
      const container = r.object?.container;
      if (container && !row.containers.includes(container)) row.containers.push(container);
      if (!row.messages.includes(r.message) && row.messages.length < 10) row.messages.push(r.message);
      if (r.status === "exempt" && r.exemptReason !== undefined) {
        const admin = r.exemptReason.endsWith(ADMIN_SUFFIX);
        const reason = admin ? r.exemptReason.slice(0, -ADMIN_SUFFIX.length) : r.exemptReason;
        if (!row.exemptions.some((e) => e.reason === reason))
          row.exemptions.push({ reason, source: admin ? "admin exemption" : "annotation" });
      }
      if (r.status === "fail") {
        row.failing.push({
          ...(container !== undefined ? { container } : {}),
          ...(r.concern !== undefined ? { concern: r.concern } : {}),
        });
      }
    }
    for (const [id, rows] of byCheck) view.rows.set(id, [...rows.values()]);
  }
  return new Map(checkIds.map((id) => [id, view.rows.get(id) ?? []]));
}

/** What the explorer needs for its exempt and pass views and for grouping by owner. */
export interface SnapshotResults {
  rows: (checkIds: readonly string[]) => Map<string, ObjectResultRow[]>;
  ownerOf: (kind: string, namespace: string, name: string) => OwnerRef | null;
}

/** The snapshot's results and owners, for a caller already granted the assessment (see findings.ts). */
export async function snapshotResults(
  grant: AssessmentGrant,
  snapshot: SnapshotRow,
): Promise<SnapshotResults> {
  const view = await viewOf(grant, snapshot);
  return {
    rows: (ids) => rowsOf(view, snapshot, ids),
    ownerOf: (kind, namespace, name) =>
      kind ? view.owners.topOwner(kind, namespace === "" ? undefined : namespace, name) : null,
  };
}

function parseQuery(raw: unknown): CheckObjectsQuery {
  const result = ZCheckObjectsQuery.safeParse(raw);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const path = first?.path.join(".");
  throw new AppError("validation", `Invalid query${path ? ` (${path})` : ""}: ${first?.message}`);
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const byObject = (a: ObjectResultRow, b: ObjectResultRow) =>
  collator.compare(a.namespace, b.namespace) ||
  collator.compare(a.kind, b.kind) ||
  collator.compare(a.name, b.name);

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
  rows: (ObjectResultRow & { owner: OwnerRef | null })[];
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
  const results = await snapshotResults(grant, snapshot);
  const all = results.rows([checkId]).get(checkId) ?? [];
  for (const r of all) page.counts[r.status]++;
  const q = query.q?.toLowerCase();
  const matching = all
    .filter(
      (r) =>
        r.status === query.status &&
        (query.namespace === undefined || r.namespace === query.namespace) &&
        (!q || r.name.toLowerCase().includes(q)),
    )
    .sort(byObject);
  const start = (query.page - 1) * query.pageSize;
  return {
    ...page,
    total: matching.length,
    pages: Math.ceil(matching.length / query.pageSize),
    rows: matching
      .slice(start, start + query.pageSize)
      .map((r) => ({ ...r, owner: results.ownerOf(r.kind, r.namespace, r.name) })),
  };
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
  const view = await viewOf(grant, snapshot);
  const ns = ref.namespace === "" ? undefined : ref.namespace;
  const obj = view.owners.find(ref.kind, ns, ref.name);
  const items = new Map((score?.items ?? []).flatMap((i) => (i.checkId ? [[i.checkId, i] as const] : [])));
  // Without a checklist every check that ran counts, at its own severity (as the CLI reports).
  const checks = score ? analysis.checks.filter((c) => items.has(c.id)) : analysis.checks;
  const rows = rowsOf(
    view,
    snapshot,
    checks.map((c) => c.id),
  );
  const results: ObjectPage["results"] = [];
  for (const c of checks) {
    const row = rows
      .get(c.id)
      ?.find((r) => r.kind === ref.kind && r.namespace === ref.namespace && r.name === ref.name);
    if (!row) continue;
    const item = items.get(c.id);
    results.push({
      ...row,
      title: item?.title ?? c.title,
      severity: item?.severity ?? c.severity,
      category: item?.category ?? c.category,
    });
  }
  if (!obj && results.length === 0) throw notFound("Object");
  results.sort(
    (a, b) =>
      RANK[b.status] - RANK[a.status] ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.checkId.localeCompare(b.checkId),
  );
  const counts = { fail: 0, exempt: 0, pass: 0 };
  for (const r of results) counts[r.status]++;
  return {
    object: {
      ...ref,
      apiVersion: obj?.apiVersion ?? null,
      inSnapshot: obj !== undefined,
    },
    owner: view.owners.topOwner(ref.kind, ns, ref.name),
    snapshot: { id: snapshot.id, name: snapshot.name, filename: snapshot.filename },
    results,
    counts,
    patches: obj
      ? patchesFor(
          obj,
          results
            .filter((r) => r.status === "fail")
            .flatMap((r) => r.failing.map((f) => ({ checkId: r.checkId, ...f }))),
        )
      : [],
  };
}
