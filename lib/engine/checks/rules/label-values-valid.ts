import { rec } from "../../util";
import type { K8sObject } from "../../types";
import type { Workload } from "../workloads";
import { defineCheck } from "../define";

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid, if it is. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `key ${key}: the prefix must be a DNS subdomain`;
  if (name.length === 0 || name.length > 63) return `key ${key}: the name must be 1 to 63 characters`;
  if (!NAME.test(name))
    return `key ${key}: the name must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'`;
  return undefined;
}

/** Why a label value is invalid, if it is. */
export function labelValueProblem(key: string, value: unknown): string | undefined {
  if (typeof value !== "string") return `${key}: the value ${JSON.stringify(value)} is not a string`;
  if (value === "") return undefined;
  if (value.length > 63) return `${key}: the value is longer than 63 characters`;
  if (!NAME.test(value))
    return `${key}: the value "${value}" must start and end with a letter or digit and hold only letters, digits, '-', '_' and '.'`;
  return undefined;
}

// Label keys and values repeat across a cluster (app.kubernetes.io/name on every object, the same values
// in every replica): each string is judged once. Bounded in entries and in length (no longer string can be
// valid) so that a hostile upload cannot grow them.
const CACHE_LIMIT = 20_000;
const MAX_KEY = 253 + 1 + 63;
const MAX_VALUE = 63;
const KEY_PROBLEMS = new Map<string, string | undefined>();
const VALID_VALUES = new Map<string, boolean>();

function keyProblem(key: string): string | undefined {
  if (key.length > MAX_KEY) return labelKeyProblem(key);
  if (KEY_PROBLEMS.has(key)) return KEY_PROBLEMS.get(key);
  const problem = labelKeyProblem(key);
  if (KEY_PROBLEMS.size >= CACHE_LIMIT) KEY_PROBLEMS.clear();
  KEY_PROBLEMS.set(key, problem);
  return problem;
}

function valueProblem(key: string, value: unknown): string | undefined {
  if (typeof value === "string" && value.length <= MAX_VALUE) {
    const valid = VALID_VALUES.get(value);
    if (valid === true) return undefined;
    if (valid === undefined) {
      const problem = labelValueProblem(key, value);
      if (VALID_VALUES.size >= CACHE_LIMIT) VALID_VALUES.clear();
      VALID_VALUES.set(value, problem === undefined);
      return problem;
    }
  }
  return labelValueProblem(key, value);
}

function problems(labels: Record<string, unknown>, out: string[]): number {
  let n = 0;
  // for…in: the same keys in the same order as Object.entries for these plain objects, without an array
  // per object.
  for (const k in labels) {
    n++;
    const problem = keyProblem(k) ?? valueProblem(k, labels[k]);
    if (problem) out.push(problem);
  }
  return n;
}

/** The labels of a workload's pod template, as written (not stringified). */
function templateLabels(
  w: Workload | undefined,
): { labels: Record<string, unknown>; path: string } | undefined {
  if (!w || w.kind === "Pod") return undefined;
  const path = `${w.podSpecPath.replace(/\.spec$/, "")}.metadata.labels`;
  let v: unknown = w.object;
  for (const k of path.split(".")) v = rec(v)?.[k];
  const labels = rec(v);
  return labels ? { labels, path } : undefined;
}

export const labelValuesValid = defineCheck({
  id: "label-values-valid",
  title: "Label keys and values are valid",
  category: "operations",
  severity: "medium",
  rationale:
    "The API server rejects an object whose label key or value breaks the syntax (values of at most 63 " +
    "characters, starting and ending with a letter or digit, with only '-', '_' and '.' between; keys an " +
    "optional DNS-subdomain prefix and a name of the same form), so the manifest never applies. Common " +
    "causes are a version with a '+' (1.2.3+build), a URL, a commit message, or a template that rendered " +
    "an empty or over-long string. A pod template's labels are checked as written, so an unquoted number " +
    "there is reported too. As kube-score's label-values, for every object and its pod template.",
  remediation:
    "Shorten or sanitise the value (replace '+' and '/' with '-' or '_'); put free text in an annotation, " +
    "which has no such limits.",
  references: [
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set",
  ],
  scope: { type: "kinds", kinds: "*" },
  // Pod templates by object (duplicates included): most objects have none.
  prepare: (ctx) => new Map<K8sObject, Workload>(ctx.templates.map((w) => [w.object, w])),
  run(obj, ctx) {
    const found: string[] = [];
    let n = problems(obj.metadata.labels ?? {}, found);
    let path = found.length > 0 ? "metadata.labels" : undefined;
    const template = templateLabels(ctx.prepared.get(obj));
    if (template) {
      const before = found.length;
      n += problems(template.labels, found);
      if (found.length > before) path ??= template.path;
    }
    if (n === 0) return;
    if (found.length > 0) ctx.fail(`invalid label ${found.join("; ")}`, { path });
    else ctx.pass(`${n} label(s) valid`);
  },
});
