// Narrowing helpers for untrusted, parsed input.

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function rec(v: unknown): Json | undefined {
  return isRecord(v) ? v : undefined;
}

const EMPTY: readonly never[] = Object.freeze([]);

export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : EMPTY;
}

/** The records of an array; the array itself (no copy) when all of its elements are records. */
export function recs(v: unknown): readonly Json[] {
  if (!Array.isArray(v)) return EMPTY;
  for (let i = 0; i < v.length; i++) if (!isRecord(v[i])) return v.filter(isRecord);
  return v as Json[];
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/**
 * Follows a chain of record keys; undefined as soon as one link is missing or not a record. Fixed
 * parameters rather than rest ones: this runs for every object in many checks, and rest parameters
 * allocate an array per call.
 */
export function dig(v: unknown, k1: string, k2?: string, k3?: string, k4?: string, k5?: string): unknown {
  if (!isRecord(v)) return undefined;
  let cur = v[k1];
  if (k2 === undefined) return cur;
  if (!isRecord(cur)) return undefined;
  cur = cur[k2];
  if (k3 === undefined) return cur;
  if (!isRecord(cur)) return undefined;
  cur = cur[k3];
  if (k4 === undefined) return cur;
  if (!isRecord(cur)) return undefined;
  cur = cur[k4];
  if (k5 === undefined) return cur;
  if (!isRecord(cur)) return undefined;
  return cur[k5];
}

const isString = (x: unknown): x is string => typeof x === "string";

/** The strings of an array; the array itself (no copy) when all of its elements are strings. */
export function strings(v: unknown): readonly string[] {
  if (!Array.isArray(v)) return EMPTY;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return v.filter(isString);
  return v as string[];
}

/** The string values of a map (labels, annotations, selectors); the map itself when it holds only strings. */
export function stringValues(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  for (const k in v) {
    if (typeof v[k] === "string") continue;
    const out: Record<string, string> = {};
    for (const [key, val] of Object.entries(v)) if (typeof val === "string") out[key] = val;
    return out;
  }
  return v as Record<string, string>;
}

/**
 * Whether `value`, standing at nesting level `depth`, holds an object or array nested deeper than `max`
 * levels (objects and arrays count a level each; scalars none). Recursion is bounded by `max`.
 */
export function nestsDeeperThan(value: unknown, depth: number, max: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (depth > max) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" && v !== null && nestsDeeperThan(v, depth + 1, max)) return true;
    }
  } else {
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === "object" && v !== null && nestsDeeperThan(v, depth + 1, max)) return true;
    }
  }
  return false;
}

/**
 * Whether two parsed values serialise to the same JSON once object keys are sorted: a deep equality that
 * ignores key order. As in JSON.stringify, non-finite numbers (YAML's .nan and .inf) read as null.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Json;
  const y = b as Json;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(y, k) || !sameJson(x[k], y[k])) return false;
    keys++;
  }
  for (const _ in y) keys--;
  return keys === 0;
}

function jsonScalar(v: unknown): unknown {
  return typeof v === "number" && !Number.isFinite(v) ? null : v;
}
