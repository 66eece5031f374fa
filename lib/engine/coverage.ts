// How much a score rests on, and when it rests on too little to be graded. Shared by the engine's own
// score (CLI) and the checklist score (web app) so both say "insufficient data" for the same snapshot.
import type { CheckStatus } from "./types";

/**
 * A grade needs at least this many automated checks (checklist items) with a real pass/fail ratio, or
 * half of them when a checklist has fewer than twice as many. Twenty is about a quarter of the catalogue
 * and of the default checklist: a snapshot of a few stray objects (13 NetworkPolicies scored 2 items)
 * stays well below it, while even a small real application (a Deployment, its Service, Ingress and PDB)
 * is judged by more checks than that, so real applications are graded.
 */
export const MIN_SCORED_AUTOMATED = 20;

/** Scored automated checks a grade needs out of `total` weighted ones. */
export function requiredScored(total: number): number {
  return Math.min(MIN_SCORED_AUTOMATED, Math.ceil(total / 2));
}

/** What the snapshot offered to examine. */
export interface SnapshotEvidence {
  objects: number;
  /** Pod-bearing objects after de-duplication (the check context's workloads). */
  workloads: number;
}

/**
 * Checks that judge other objects by the pods they select. Without any workload in the snapshot their
 * passes say nothing (an empty podSelector "selects every pod" of a namespace that has none, a PDB
 * "doesn't block evictions" of pods that don't exist), so those passes are vacuous: shown as such and
 * left out of the score. Kept here until checks declare their scope themselves.
 */
export const POD_RELATIONAL_CHECKS: ReadonlySet<string> = new Set([
  "network-policy-targets-pods",
  "network-policy-coverage",
  "pdb-blocks-eviction",
  "pdb-coverage",
  "service-selector-matches",
  "service-target-port",
]);

/** A check that passed only because there was nothing for it to examine. */
export function isVacuousPass(
  checkId: string,
  counts: Readonly<Record<CheckStatus, number>>,
  evidence: SnapshotEvidence | null | undefined,
): boolean {
  return (
    evidence !== null &&
    evidence !== undefined &&
    evidence.workloads === 0 &&
    counts.pass > 0 &&
    counts.fail === 0 &&
    POD_RELATIONAL_CHECKS.has(checkId)
  );
}

/**
 * Why a score may not be graded; empty when it may. `evidence` undefined means the caller has no
 * snapshot facts to offer (tests of the arithmetic), null means no snapshot was uploaded.
 */
export function insufficientReasons(input: {
  automatedTotal: number;
  scoredAutomated: number;
  scored: number;
  evidence: SnapshotEvidence | null | undefined;
  unit: "checks" | "automated items";
}): string[] {
  const { automatedTotal, scoredAutomated, scored, evidence, unit } = input;
  const reasons: string[] = [];
  if (automatedTotal > 0 && evidence === null) reasons.push("No snapshot has been uploaded yet.");
  if (automatedTotal > 0 && evidence && evidence.workloads === 0) {
    reasons.push(
      "The snapshot contains no workloads (nothing with a pod spec: Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, Pods…), so most checks have nothing to examine.",
    );
  }
  const required = requiredScored(automatedTotal);
  if (evidence !== null && scoredAutomated < required) {
    reasons.push(
      `Only ${scoredAutomated} of ${automatedTotal} ${unit} could be scored; a grade needs at least ${required}.`,
    );
  }
  if (scored === 0 && reasons.length === 0) reasons.push("Nothing could be scored yet.");
  return reasons;
}

export const COVERAGE_RULE =
  `A grade needs evidence: at least ${MIN_SCORED_AUTOMATED} automated checks with a pass/fail result ` +
  "(half of them when there are fewer than twice as many) and at least one workload in the snapshot. Below that the grade is " +
  '"insufficient data", never a letter. Passes of checks that judge objects by the pods they select are ' +
  "vacuous in a snapshot without workloads: shown as such, never counted.";
