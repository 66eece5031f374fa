// Every result of one snapshot, object by object: what the check pages (every object one check judged),
// the object pages (every result of one object, its owner and patches) and the findings explorer's
// exempt and pass views read. Built from the stored (redacted) objects with the exemptions and check
// parameters in force; checks are evaluated lazily, only those asked for, and kept. The server keeps
// these on a thread of their own (lib/server/results-thread.ts): evaluating every check over 20,000
// objects takes seconds, which the event loop must not spend.
import { buildContext } from "./checks/context";
import { CHECKS } from "./checks/registry";
import { evaluateChecks } from "./checks/run";
import type { CheckContext, CheckParams } from "./checks/types";
import { OwnerIndex, type OwnerRef } from "./owners";
import { patchesFor, type Patch } from "./patches";
import type { CertificateFact, ClusterFacts, ExemptionRule, K8sObject } from "./types";

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

export type RowWithOwner = ObjectResultRow & { owner: OwnerRef | null };

/** What a view is built from: the snapshot's stored parts and the settings in force. */
export interface ResultsInput {
  objects: K8sObject[];
  facts: ClusterFacts;
  certificates: CertificateFact[];
  rules: ExemptionRule[];
  params: CheckParams;
  now: Date;
}

/** One page of one check's objects (a check page). */
export interface CheckRowsQuery {
  checkId: string;
  status: ResultStatus;
  namespace?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export interface CheckRowsPage {
  /** Objects per status (each object once). */
  counts: Record<ResultStatus, number>;
  total: number;
  rows: RowWithOwner[];
}

export interface ObjectRows {
  /** The object's row for each check asked for that judged it, in the order asked. */
  rows: ObjectResultRow[];
  apiVersion: string | null;
  inSnapshot: boolean;
  owner: OwnerRef | null;
  patches: Patch[];
}

const ADMIN_SUFFIX = " (admin exemption)";
const RANK: Record<ResultStatus, number> = { fail: 2, exempt: 1, pass: 0 };
const objectKey = (kind: string, namespace: string, name: string) => `${kind}\u0000${namespace}\u0000${name}`;

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
const byObject = (a: ObjectResultRow, b: ObjectResultRow) =>
  collator.compare(a.namespace, b.namespace) ||
  collator.compare(a.kind, b.kind) ||
  collator.compare(a.name, b.name);

export class ResultsView {
  private readonly owners: OwnerIndex;
  private context: CheckContext | undefined;
  private readonly evaluated = new Map<string, ObjectResultRow[]>();

  constructor(private readonly input: ResultsInput) {
    this.owners = new OwnerIndex(input.objects);
  }

  /** Rows of the checks asked for, evaluating those not evaluated yet (in one pass over the snapshot). */
  rows(checkIds: readonly string[]): Map<string, ObjectResultRow[]> {
    const missing = new Set(checkIds.filter((id) => !this.evaluated.has(id)));
    if (missing.size > 0) this.evaluate(missing);
    return new Map(checkIds.map((id) => [id, this.evaluated.get(id) ?? []]));
  }

  ownerOf(kind: string, namespace: string, name: string): OwnerRef | null {
    return kind ? this.owners.topOwner(kind, namespace === "" ? undefined : namespace, name) : null;
  }

  /** One check's objects with one status, filtered, in object order, one page of them. */
  checkRows(query: CheckRowsQuery): CheckRowsPage {
    const all = this.rows([query.checkId]).get(query.checkId) ?? [];
    const counts = { fail: 0, exempt: 0, pass: 0 };
    for (const r of all) counts[r.status]++;
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
      counts,
      total: matching.length,
      rows: matching
        .slice(start, start + query.pageSize)
        .map((r) => ({ ...r, owner: this.ownerOf(r.kind, r.namespace, r.name) })),
    };
  }

  /** Every result of one object for the checks asked for, the object's owner and its patches. */
  objectRows(
    checkIds: readonly string[],
    ref: { kind: string; namespace: string; name: string },
  ): ObjectRows {
    const ns = ref.namespace === "" ? undefined : ref.namespace;
    const obj = this.owners.find(ref.kind, ns, ref.name);
    const byCheck = this.rows(checkIds);
    const rows = checkIds.flatMap((id) => {
      const row = byCheck
        .get(id)
        ?.find((r) => r.kind === ref.kind && r.namespace === ref.namespace && r.name === ref.name);
      return row ? [row] : [];
    });
    return {
      rows,
      apiVersion: obj?.apiVersion ?? null,
      inSnapshot: obj !== undefined,
      owner: this.owners.topOwner(ref.kind, ns, ref.name),
      patches: obj
        ? patchesFor(
            obj,
            rows
              .filter((r) => r.status === "fail")
              .flatMap((r) => r.failing.map((f) => ({ checkId: r.checkId, ...f }))),
          )
        : [],
    };
  }

  /** The rows of each check asked for that have one status (without their failing details). */
  statusRows(
    checkIds: readonly string[],
    status: ResultStatus,
    withOwners: boolean,
  ): Record<string, (Omit<ObjectResultRow, "failing"> & { owner: OwnerRef | null })[]> {
    const byCheck = this.rows(checkIds);
    return Object.fromEntries(
      checkIds.map((id) => [
        id,
        (byCheck.get(id) ?? [])
          .filter((r) => r.status === status)
          .map(({ failing: _failing, ...r }) => ({
            ...r,
            owner: withOwners ? this.ownerOf(r.kind, r.namespace, r.name) : null,
          })),
      ]),
    );
  }

  private evaluate(missing: Set<string>) {
    const { objects, facts, certificates, rules, params, now } = this.input;
    this.context ??= buildContext({ objects, facts, certificates }, now);
    const { results } = evaluateChecks(
      CHECKS.filter((c) => missing.has(c.id)),
      this.context,
      { exemptions: rules, params, results: "all" },
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
    for (const [id, rows] of byCheck) this.evaluated.set(id, [...rows.values()]);
  }
}
