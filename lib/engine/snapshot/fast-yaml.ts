// Fast path for YAML streams. The `yaml` package gives exact error positions and bounded alias expansion
// but parses about ten times slower than js-yaml, too slow for multi-megabyte `helm template` output.
// js-yaml parses first (YAML 1.2 core schema plus merge keys, duplicate keys last
// wins: the same reading as the `yaml` options in parse.ts). The caller falls back to `yaml` whenever this
// returns undefined: js-yaml failing (so errors are always located by `yaml`), or a document
// sharing objects through aliases (so the alias expansion limit is always applied by `yaml`).
import * as jsyaml from "js-yaml";
import { CORE_SCHEMA, loadAll, type LoadOptions, type Type } from "js-yaml";
import { SnapshotError } from "./errors";
import type { ParsedDocument } from "./parse";

// `types` is exported at run time but missing from @types/js-yaml.
const { merge } = (jsyaml as unknown as { types: { merge: Type } }).types;
const SCHEMA = CORE_SCHEMA.extend({ implicit: [merge] });

/** Whether a value reaches the same object twice (aliases of collections); bounded by its unique nodes. */
function sharesObjects(value: unknown): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (seen.has(v)) return true;
    seen.add(v);
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else for (const key in v) stack.push((v as Record<string, unknown>)[key]);
  }
  return false;
}

const SEPARATOR = /^---(?=[ \t\r\n]|$)/gm;
const CONTENT_LINE = /^(?![ \t]*(#|\r?$))/m;

/**
 * 1-based content start line of each document, from the `---` separators; undefined when the count
 * does not match the parser's (separators hidden in odd places), so no wrong line is ever reported.
 */
function documentLines(text: string, count: number): (number | undefined)[] {
  const starts: number[] = [];
  let lastEnd = 0;
  let first = true;
  for (const m of text.matchAll(SEPARATOR)) {
    const before = text.slice(lastEnd, m.index);
    // Content before the first separator is a document of its own; comments and directives are not.
    if (first ? CONTENT_LINE.test(before.replace(/^%.*$/gm, "")) : true) starts.push(lastEnd);
    first = false;
    lastEnd = m.index + 3;
  }
  starts.push(lastEnd);
  if (starts.length !== count) return new Array<undefined>(count).fill(undefined);
  const lines: number[] = [];
  let line = 1;
  let pos = 0;
  for (const start of starts) {
    const rest = text.slice(start);
    const skip = /^[ \t]*\r?\n?((?:[ \t]*(?:#.*)?\r?\n)*)/.exec(rest);
    const contentStart = start + (skip ? skip[0].length : 0);
    for (; pos < contentStart && pos < text.length; pos++) if (text.charCodeAt(pos) === 10) line++;
    lines.push(line);
  }
  return lines;
}

/**
 * Documents of a YAML stream, or undefined when the `yaml` package must decide. Nesting far beyond the
 * depth limit is rejected here: handing it to the recursive `yaml` parser only ends in a stack overflow.
 */
export function fastYamlDocuments(
  file: string,
  text: string,
  maxDepth: number,
): ParsedDocument[] | undefined {
  let values: unknown[];
  try {
    // A little slack over the limit, so that assertDepth (same rule for every format) has the last word.
    // js-yaml 4.3 honours maxDepth; its type definitions predate the option.
    const options = { schema: SCHEMA, json: true, maxDepth: maxDepth + 5 } as LoadOptions;
    values = loadAll(text, undefined, options);
  } catch (e) {
    const mark = (e as { mark?: { line?: unknown; column?: unknown } }).mark;
    if (e instanceof Error && /nesting exceeded maxDepth/.test(e.message)) {
      throw new SnapshotError("too-deep", `nesting deeper than the limit of ${maxDepth} levels`, {
        file,
        ...(typeof mark?.line === "number" ? { line: mark.line + 1 } : {}),
        ...(typeof mark?.column === "number" ? { column: mark.column + 1 } : {}),
      });
    }
    return undefined;
  }
  if (values.some(sharesObjects)) return undefined;
  const lines = documentLines(text, values.length);
  const out: ParsedDocument[] = [];
  values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    const line = lines[index];
    out.push(line === undefined ? { index, value } : { index, value, line });
  });
  return out;
}
