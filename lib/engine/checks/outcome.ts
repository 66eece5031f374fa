import type { ObjectRef, Severity } from "../types";
import type { Outcome } from "./types";

// The check being evaluated, set by runChecks around each evaluator. Outcomes are born as complete
// results (id, severity, same keys in the same order), so a big snapshot's ~450,000 results are neither
// copied nor touched a second time, and every result shares one hidden class.
let current: { id: string; severity: Severity } = { id: "", severity: "info" };

/** Runs `evaluate` with outcome() stamping `id` and the default `severity` on what it builds. */
export function evaluating<T>(id: string, severity: Severity, evaluate: () => T): T {
  const outer = current;
  current = { id, severity };
  try {
    return evaluate();
  } finally {
    current = outer;
  }
}

/** Builds one outcome of the check being evaluated; `severity` overrides the check's for this result. */
export function outcome(
  status: Outcome["status"],
  message: string,
  object: ObjectRef | null,
  severity?: Severity,
): Outcome {
  return { checkId: current.id, status, severity: severity ?? current.severity, message, object };
}
