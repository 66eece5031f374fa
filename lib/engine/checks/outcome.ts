import type { ObjectRef, Severity } from "../types";
import type { Outcome } from "./types";

/**
 * Builds an outcome already in the shape (and key order) of the CheckResult it becomes: runChecks fills
 * in checkId and the default severity in place instead of copying ~450,000 outcomes on a big snapshot.
 * All outcomes come from this one object literal, so every read of a result sees the same hidden class.
 */
export function outcome(
  status: Outcome["status"],
  message: string,
  object: ObjectRef | null,
  severity?: Severity,
): Outcome {
  return { checkId: "", status, severity, message, object };
}
