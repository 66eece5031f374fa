// What changed between two snapshots' findings: per check and per namespace, which objects fail now
// that did not (new), no longer fail (fixed) or fail in both (still open). Objects are counted once per
// check whatever the number of their failing containers, as everywhere in the report.
import type { Category, Finding, ObjectRef, Severity } from "./types";

export type DiffStatus = "new" | "fixed" | "open";

export interface DiffCounts {
  new: number;
  fixed: number;
  open: number;
}

export interface CheckDiff extends DiffCounts {
  checkId: string;
  title: string;
  severity: Severity;
  category: Category;
  /** The first objects that fail only in the later snapshot, and those that failed only in the earlier. */
  newObjects: ObjectRef[];
  fixedObjects: ObjectRef[];
}

export interface NamespaceDiff extends DiffCounts {
  /** "" for cluster-scoped objects and cluster-wide findings. */
  namespace: string;
}

export interface FindingsDiff {
  totals: DiffCounts;
  byCheck: CheckDiff[];
  byNamespace: NamespaceDiff[];
}

type Entry = { object: ObjectRef | null; finding: Finding };

function objectKey(o: ObjectRef | null): string {
  return o ? `${o.kind}\u0000${o.namespace ?? ""}\u0000${o.name}` : "\u0000cluster";
}

function withoutDetail({ container: _container, path: _path, ...object }: ObjectRef): ObjectRef {
  return object;
}

/** Failing objects per check, one entry per object (its first affected line stands for it). */
function index(findings: readonly Finding[], include?: (checkId: string) => boolean) {
  const byCheck = new Map<string, Map<string, Entry>>();
  for (const finding of findings) {
    if (include && !include(finding.checkId)) continue;
    let objects = byCheck.get(finding.checkId);
    if (!objects) byCheck.set(finding.checkId, (objects = new Map<string, Entry>()));
    for (const a of finding.affected) {
      const key = objectKey(a.object);
      if (!objects.has(key)) {
        objects.set(key, { object: a.object ? withoutDetail(a.object) : null, finding });
      }
    }
  }
  return byCheck;
}

const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function diffFindings(
  before: readonly Finding[],
  after: readonly Finding[],
  { listed = 20, include }: { listed?: number; include?: (checkId: string) => boolean } = {},
): FindingsDiff {
  const a = index(before, include);
  const b = index(after, include);
  const totals: DiffCounts = { new: 0, fixed: 0, open: 0 };
  const namespaces = new Map<string, NamespaceDiff>();
  const count = (entry: Entry, status: DiffStatus) => {
    totals[status]++;
    const ns = entry.object?.namespace ?? "";
    let row = namespaces.get(ns);
    if (!row) namespaces.set(ns, (row = { namespace: ns, new: 0, fixed: 0, open: 0 }));
    row[status]++;
  };

  const byCheck: CheckDiff[] = [];
  for (const checkId of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(checkId) ?? new Map<string, Entry>();
    const now = b.get(checkId) ?? new Map<string, Entry>();
    const sample = (now.values().next().value ?? was.values().next().value)!.finding;
    const row: CheckDiff = {
      checkId,
      title: sample.title,
      severity: sample.severity,
      category: sample.category,
      new: 0,
      fixed: 0,
      open: 0,
      newObjects: [],
      fixedObjects: [],
    };
    for (const [key, entry] of now) {
      const status: DiffStatus = was.has(key) ? "open" : "new";
      row[status]++;
      count(entry, status);
      if (status === "new" && entry.object && row.newObjects.length < listed)
        row.newObjects.push(entry.object);
    }
    for (const [key, entry] of was) {
      if (now.has(key)) continue;
      row.fixed++;
      count(entry, "fixed");
      if (entry.object && row.fixedObjects.length < listed) row.fixedObjects.push(entry.object);
    }
    byCheck.push(row);
  }
  byCheck.sort(
    (x, y) =>
      y.new - x.new ||
      RANK[y.severity] - RANK[x.severity] ||
      y.fixed - x.fixed ||
      x.checkId.localeCompare(y.checkId),
  );
  const byNamespace = [...namespaces.values()].sort(
    (x, y) => y.new + y.fixed - (x.new + x.fixed) || x.namespace.localeCompare(y.namespace),
  );
  return { totals, byCheck, byNamespace };
}
