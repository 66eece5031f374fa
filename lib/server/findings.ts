// The findings explorer: one row per object per check of the latest snapshot, restricted to the checks
// on the assessment's checklist at the checklist's severity (as the report lists them), filtered, sorted
// and paginated here so that a 20,000-object snapshot never reaches the browser whole.
//
// Status: failing rows come from the stored findings (what the report counts); exempt and passing rows
// are recomputed from the stored objects on demand (lib/server/object-results.ts says why nothing more is
// stored). Grouping is by namespace or by owning workload (ownerReferences followed through the
// snapshot's objects, lib/engine/owners.ts); group counts count each object once, whatever its checks.
import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/domain/errors";
import type { Principal } from "@/lib/domain/principal";
import { ZFindingsQuery, type FindingsQuery } from "@/lib/domain/schemas";
import { SEVERITIES, type Category, type Severity } from "@/lib/engine/types";
import type { StoredFinding } from "@/lib/engine/worker/analysis-task";
import type { OwnerRef } from "@/lib/engine/owners";
import { authorizeAssessment } from "./access";
import { snapshotResults, type ObjectResultRow, type SnapshotResults } from "./object-results";
import { readinessFor } from "./scoring";
import { readFullFindings } from "./snapshots";

/** One object of one check; a workload's containers are a detail of its row. */
export interface FindingRow {
  checkId: string;
  status: "fail" | "exempt" | "pass";
  title: string;
  category: Category;
  severity: Severity;
  /** Empty for cluster-wide results (the Kubernetes version, …). */
  kind: string;
  namespace: string;
  name: string;
  containers: string[];
  messages: string[];
  /** Exempt rows: which exemption (its reason and whether an admin or an annotation made it). */
  exemptions: ObjectResultRow["exemptions"];
  /** The owning workload; null for cluster-wide rows, and when not resolved (fail rows, ungrouped). */
  owner: OwnerRef | null;
  /** The group the row is listed under (`group` query): its key in `groups`. */
  group?: string;
}

/** A check's rows before the checklist applies its severity (cached per analysed snapshot). */
interface CheckRows {
  checkId: string;
  title: string;
  category: Category;
  rows: Omit<FindingRow, "severity" | "owner">[];
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function rowsOf(findings: StoredFinding[]): CheckRows[] {
  return findings.map((f) => {
    const byObject = new Map<string, Omit<FindingRow, "severity" | "owner">>();
    for (const a of f.affected) {
      const kind = a.object?.kind ?? "";
      const namespace = a.object?.namespace ?? "";
      const name = a.object?.name ?? "";
      // Same identity as the engine's distinct-object count (kind, namespace, name), so the number of
      // rows of a check is the report's "affected objects".
      const key = `${kind}\u0000${namespace}\u0000${name}`;
      let row = byObject.get(key);
      if (!row) {
        row = {
          checkId: f.checkId,
          status: "fail",
          title: f.title,
          category: f.category,
          kind,
          namespace,
          name,
          containers: [],
          messages: [],
          exemptions: [],
        };
        byObject.set(key, row);
      }
      const container = a.object?.container;
      if (container && !row.containers.includes(container)) row.containers.push(container);
      if (!row.messages.includes(a.message) && row.messages.length < 10) row.messages.push(a.message);
    }
    return { checkId: f.checkId, title: f.title, category: f.category, rows: [...byObject.values()] };
  });
}

/**
 * Decompressed findings turned into rows, per analysed snapshot. Snapshots are immutable once stored, but
 * a re-analysis (new engine version, exemptions or parameters) replaces their findings, so the key holds
 * the analysis' engine version and settings fingerprint too. A Map in insertion order is the whole LRU:
 * a handful of entries does not warrant a dependency.
 */
const CACHE_SIZE = 4;
const cache = new Map<string, { rows: CheckRows[]; partial: boolean }>();

async function cachedRows(key: string, load: () => Promise<{ rows: CheckRows[]; partial: boolean }>) {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = await load();
  cache.set(key, value);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

function parseQuery(raw: unknown): FindingsQuery {
  const result = ZFindingsQuery.safeParse(raw);
  if (result.success) return result.data;
  const errors = result.error.issues.map((i: z.core.$ZodIssue) => ({
    path: i.path.join("."),
    message: i.message,
  }));
  const first = errors[0];
  throw new AppError(
    "validation",
    `Invalid query${first?.path ? ` (${first.path})` : ""}: ${first?.message}`,
    {
      errors,
    },
  );
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

function compare(sort: FindingsQuery["sort"]): (a: FindingRow, b: FindingRow) => number {
  const byObject = (a: FindingRow, b: FindingRow) =>
    collator.compare(a.namespace, b.namespace) ||
    collator.compare(a.kind, b.kind) ||
    collator.compare(a.name, b.name);
  const bySeverity = (a: FindingRow, b: FindingRow) => RANK[a.severity] - RANK[b.severity];
  const byCheck = (a: FindingRow, b: FindingRow) => collator.compare(a.checkId, b.checkId);
  switch (sort) {
    case "severity":
      return (a, b) => bySeverity(a, b) || -byCheck(a, b) || -byObject(a, b);
    case "check":
      return (a, b) => byCheck(a, b) || byObject(a, b);
    case "namespace":
      return (a, b) => byObject(a, b) || byCheck(a, b);
    case "kind":
      return (a, b) =>
        collator.compare(a.kind, b.kind) ||
        collator.compare(a.namespace, b.namespace) ||
        collator.compare(a.name, b.name) ||
        byCheck(a, b);
    case "name":
      return (a, b) =>
        collator.compare(a.name, b.name) ||
        collator.compare(a.namespace, b.namespace) ||
        collator.compare(a.kind, b.kind) ||
        byCheck(a, b);
  }
}

export interface FindingsPage {
  snapshot: { id: string; name: string | null; filename: string; createdAt: Date } | null;
  checklist: { name: string; number: number } | null;
  /** Only the first affected objects of each check are known (snapshots stored before whole findings were kept). */
  partial: boolean;
  query: FindingsQuery;
  /** Rows (one per object per check) of the status asked for, matching the filters. */
  total: number;
  pages: number;
  rows: FindingRow[];
  /**
   * Objects matching the filters per group, each counted once, most first: per namespace ("" =
   * cluster-wide) or, with `group=owner`, per owning workload (`key` is `Kind/namespace/name`).
   */
  groups: {
    key: string;
    label: string;
    namespace: string;
    owner: OwnerRef | null;
    objects: number;
    rows: number;
  }[];
  /** Matching rows per severity (ignoring the severity filter), for the filter's counts. */
  severities: Record<Severity, number>;
  /** Every check on the checklist that ran: failing objects (unfiltered), exempt and passing results. */
  checks: {
    checkId: string;
    title: string;
    category: Category;
    severity: Severity;
    failing: number;
    exempt: number;
    passing: number;
  }[];
  /** The namespaces and kinds that have failing objects, for the filters. */
  namespaces: string[];
  kinds: string[];
}

const objectId = (r: { kind: string; namespace: string; name: string }) =>
  `${r.kind}\u0000${r.namespace}\u0000${r.name}`;

export const ownerKey = (o: OwnerRef) => `${o.kind}/${o.namespace ?? ""}/${o.name}`;

/** Rows of checks with exempt or passing objects, from the recomputed results. */
async function resultRows(
  results: SnapshotResults,
  checks: { checkId: string; title: string; category: Category }[],
  status: FindingRow["status"],
  withOwners: boolean,
) {
  const rows = await results.rows(
    checks.map((c) => c.checkId),
    status,
    withOwners,
  );
  return checks.map((c) => ({
    checkId: c.checkId,
    title: c.title,
    category: c.category,
    rows: (rows[c.checkId] ?? []).map((r) => ({ ...r, title: c.title, category: c.category })),
  }));
}

/** A page of objects of the assessment's latest snapshot by status; `rawQuery` is validated after access. */
export async function listFindings(
  p: Principal,
  assessmentId: string,
  rawQuery: unknown,
): Promise<FindingsPage> {
  const grant = await authorizeAssessment(p, assessmentId, "read");
  const query = parseQuery(rawQuery);
  const readiness = await readinessFor(grant);
  const { snapshot, analysis, score } = readiness;
  const empty: FindingsPage = {
    snapshot: snapshot
      ? { id: snapshot.id, name: snapshot.name, filename: snapshot.filename, createdAt: snapshot.createdAt }
      : null,
    checklist: readiness.checklist
      ? { name: readiness.checklist.name, number: readiness.checklist.number }
      : null,
    partial: false,
    query,
    total: 0,
    pages: 0,
    rows: [],
    groups: [],
    severities: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    checks: [],
    namespaces: [],
    kinds: [],
  };
  if (!snapshot || !analysis || !score) return empty;

  const key = `${snapshot.id}:${analysis.engineVersion ?? ""}:${analysis.exemptionsFingerprint ?? ""}`;
  const { rows: failing, partial } = await cachedRows(key, async () => {
    const full = await readFullFindings(grant, snapshot.id);
    return {
      rows: rowsOf(full ?? analysis.findings),
      partial: !full && analysis.findings.some((f) => f.affectedListed),
    };
  });

  // The checklist decides which checks count and at which severity (as in the report).
  const severityOf = new Map(
    score.items.flatMap((i) => (i.checkId ? [[i.checkId, i.severity] as const] : [])),
  );
  const byCheck = new Map(failing.map((c) => [c.checkId, c]));
  const checks = analysis.checks
    .filter((c) => severityOf.has(c.id))
    .map((c) => ({
      checkId: c.id,
      title: c.title,
      category: c.category,
      severity: severityOf.get(c.id)!,
      failing: byCheck.get(c.id)?.rows.length ?? 0,
      exempt: c.counts.exempt ?? 0,
      passing: c.counts.pass ?? 0,
    }))
    .sort(
      (a, b) =>
        RANK[b.severity] - RANK[a.severity] || b.failing - a.failing || a.checkId.localeCompare(b.checkId),
    );

  // Owners (and exempt or passing rows) need the snapshot's objects: the results thread loads them when
  // first asked (lib/server/object-results.ts). While the stored analysis is being refreshed (an
  // exemption changed), failing rows are recomputed too, so that an object never shows as failing and
  // exempt at once.
  const stale = readiness.refreshing;
  const results =
    query.status !== "fail" || query.group === "owner" || query.owner || stale
      ? snapshotResults(grant, snapshot)
      : null;
  const withOwners = query.group === "owner" || query.owner !== undefined;
  type Row = CheckRows["rows"][number] & { owner?: OwnerRef | null };
  const all: { checkId: string; category: Category; rows: Row[] }[] =
    query.status === "fail" && !stale
      ? failing
      : await resultRows(results!, checks, query.status, withOwners);
  let ownerOf = (r: Row) => r.owner ?? null;
  // Stored failing rows get their owners from the results thread, in one question, when they are needed.
  if (withOwners && query.status === "fail" && !stale) {
    const objects = new Map<string, { kind: string; namespace: string; name: string }>();
    for (const c of all) {
      if (!severityOf.has(c.checkId)) continue;
      for (const { kind, namespace, name } of c.rows)
        objects.set(objectId({ kind, namespace, name }), { kind, namespace, name });
    }
    const owners = await results!.owners([...objects.values()]);
    const byObject = new Map([...objects.keys()].map((k, i) => [k, owners[i] ?? null]));
    ownerOf = (r) => byObject.get(objectId(r)) ?? null;
  }
  const q = query.q?.toLowerCase();
  const namespaces = new Set<string>();
  const kinds = new Set<string>();
  const severities = { ...empty.severities };
  const matching: FindingRow[] = [];
  for (const c of all) {
    const severity = severityOf.get(c.checkId);
    if (!severity) continue;
    for (const r of c.rows) {
      namespaces.add(r.namespace);
      kinds.add(r.kind);
    }
    if (query.check && c.checkId !== query.check) continue;
    if (query.category && c.category !== query.category) continue;
    for (const r of c.rows) {
      if (query.namespace !== undefined && r.namespace !== query.namespace) continue;
      if (query.kind && r.kind !== query.kind) continue;
      if (q && !r.name.toLowerCase().includes(q)) continue;
      const owner = ownerOf(r);
      if (query.owner !== undefined && (!owner || ownerKey(owner) !== query.owner)) continue;
      severities[severity]++;
      if (query.severity && severity !== query.severity) continue;
      matching.push({ ...r, severity, owner });
    }
  }

  // Groups count objects, each once however many checks it fails (a row is an object × a check).
  const groupOf = (r: FindingRow) =>
    query.group === "owner"
      ? r.owner
        ? {
            key: ownerKey(r.owner),
            label: `${r.owner.kind} ${r.owner.name}`,
            namespace: r.namespace,
            owner: r.owner,
          }
        : { key: "", label: "cluster-wide", namespace: "", owner: null }
      : { key: r.namespace, label: r.namespace || "cluster-wide", namespace: r.namespace, owner: null };
  const groupMap = new Map<string, FindingsPage["groups"][number] & { seen: Set<string> }>();
  for (const r of matching) {
    const g = groupOf(r);
    let entry = groupMap.get(g.key);
    if (!entry) groupMap.set(g.key, (entry = { ...g, objects: 0, rows: 0, seen: new Set() }));
    const id = objectId(r);
    if (!entry.seen.has(id)) {
      entry.seen.add(id);
      entry.objects++;
    }
    entry.rows++;
    if (query.group) r.group = g.key;
  }
  const groups = [...groupMap.values()]
    .map(({ seen: _seen, ...g }) => g)
    .sort((a, b) => b.objects - a.objects || collator.compare(a.label, b.label));

  const order = compare(query.sort);
  const desc = (query.dir ?? (query.sort === "severity" ? "desc" : "asc")) === "desc";
  const sorted = desc ? (a: FindingRow, b: FindingRow) => order(b, a) : order;
  if (query.group) {
    // Grouped: rows follow the groups' order, so that a page shows whole runs under their headers.
    const rank = new Map(groups.map((g, i) => [g.key, i]));
    matching.sort((a, b) => rank.get(a.group!)! - rank.get(b.group!)! || sorted(a, b));
  } else matching.sort(sorted);

  const start = (query.page - 1) * query.pageSize;
  return {
    ...empty,
    partial,
    total: matching.length,
    pages: Math.ceil(matching.length / query.pageSize),
    rows: matching.slice(start, start + query.pageSize),
    groups,
    severities,
    checks,
    namespaces: [...namespaces].sort(collator.compare),
    kinds: [...kinds].sort(collator.compare),
  };
}
