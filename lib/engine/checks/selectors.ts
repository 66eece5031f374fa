// Label selectors as Kubernetes evaluates them: matchLabels and matchExpressions (In, NotIn, Exists,
// DoesNotExist), and the plain map of a Service.
import { isRecord, recs, str, stringValues, strings } from "../util";
import type { LabelSelector } from "./types";

export function matchesSelector(labels: Record<string, string>, selector: LabelSelector): boolean {
  const required = selector.matchLabels;
  for (const k in required) if (labels[k] !== required[k]) return false;
  for (const e of selector.matchExpressions ?? []) {
    const value = labels[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
        if (value === undefined || !values.includes(value)) return false;
        break;
      case "NotIn":
        if (value !== undefined && values.includes(value)) return false;
        break;
      case "Exists":
        if (value === undefined) return false;
        break;
      case "DoesNotExist":
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function toSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  const matchLabels = stringValues(v.matchLabels);
  const matchExpressions = recs(v.matchExpressions).flatMap((e) => {
    const key = str(e.key);
    const operator = str(e.operator);
    return key && operator ? [{ key, operator, values: strings(e.values) }] : [];
  });
  return { matchLabels, matchExpressions };
}

/** A Service-style selector (plain map). */
export function toMapSelector(v: unknown): LabelSelector | undefined {
  if (!isRecord(v)) return undefined;
  return { matchLabels: stringValues(v) };
}

export function isEmptySelector(s: LabelSelector): boolean {
  return Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}
