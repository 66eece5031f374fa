// Turns one uploaded file into parsed documents: gzip detection, text decoding, JSON fast path, YAML streams.
import { parseAllDocuments } from "yaml";
import type { Limits } from "../types";
import { nestsDeeperThan } from "../util";
import { SnapshotError } from "./errors";
import { fastYamlDocuments } from "./fast-yaml";
import { parseJsonList, type ListVisitor } from "./json-list";
import { nodeBuffer } from "./platform";

export interface ParsedDocument {
  index: number;
  value: unknown;
  /** 1-based line where the document's content starts (YAML streams and JSON Lines). */
  line?: number;
}

export interface ParsedFile {
  syntax: "json" | "jsonl" | "yaml";
  gzip: boolean;
  bytes: number;
  documents: ParsedDocument[];
  /** The items of a JSON list went to the caller's visitor as they were parsed (documents holds the head). */
  streamed?: boolean;
}

function asBuffer(data: Uint8Array, { Buffer }: typeof import("node:buffer")): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

const notUtf8 = (file: string) =>
  new SnapshotError("encoding", "input is not UTF-8 text, gzip, or a .zip/.tar archive", { file });

function assertUtf8(file: string, buf: Buffer, { isUtf8 }: typeof import("node:buffer")): void {
  if (!isUtf8(buf)) throw notUtf8(file);
}

/** Without Node's Buffer (in the browser): one strict decode checks and decodes; the BOM is dropped. */
function decodeStrict(file: string, data: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    throw notUtf8(file);
  }
}

function decodeText(buf: Buffer): string {
  const text = buf.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/** Throws too-deep when a value nests deeper than maxDepth (the top-level value is level 1). */
export function assertDepth(
  value: unknown,
  maxDepth: number,
  file: string,
  document: number | undefined,
): void {
  if (nestsDeeperThan(value, 1, maxDepth)) throw tooDeep(maxDepth, file, document);
}

function tooDeep(maxDepth: number, file: string, document?: number): SnapshotError {
  return new SnapshotError("too-deep", `nesting deeper than the limit of ${maxDepth} levels`, {
    file,
    document,
  });
}

function firstMeaningfulChar(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== " " && c !== "\t" && c !== "\r" && c !== "\n") return c;
  }
  return undefined;
}

/** JSON fast path; on failure returns the error it would report (with a location when V8 gives one). */
function parseJson(file: string, text: string): ParsedDocument[] | SnapshotError {
  try {
    return [{ index: 0, value: JSON.parse(text) as unknown }];
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /at position (\d+)/.exec(message);
    const clean = message
      .replace(/ in JSON at position \d+.*$/, "")
      .replace(/ after JSON at position \d+.*$/, " after JSON");
    if (pos?.[1] === undefined) return new SnapshotError("syntax", `invalid JSON: ${clean}`, { file });
    const { line, column } = lineColumnAt(text, Number(pos[1]));
    return new SnapshotError("syntax", `invalid JSON: ${clean}`, { file, line, column });
  }
}

/** Column of the first syntax error the YAML parser (a JSON superset) finds in one line, when V8 gave none. */
function yamlColumn(line: string): number | undefined {
  const docs = parseAllDocuments(line);
  if (!Array.isArray(docs)) return undefined;
  for (const d of docs) {
    const col = d.errors[0]?.linePos?.[0].col;
    if (col !== undefined) return col;
  }
  return undefined;
}

const JSON_LINES_FILE = /\.(jsonl|ndjson)$/i;

/**
 * JSON Lines: one JSON value per line, blank lines ignored. Returns undefined when a line is not JSON and
 * the caller may still try another reading; with `strict` it throws a located syntax error instead.
 */
function parseJsonLines(file: string, text: string, strict: boolean): ParsedDocument[] | undefined {
  const out: ParsedDocument[] = [];
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNo++;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === "") continue;
    const parsed = parseJson(file, line);
    if (parsed instanceof SnapshotError) {
      if (!strict) return undefined;
      throw new SnapshotError("syntax", parsed.message.replace("invalid JSON", "invalid JSON line"), {
        file,
        document: out.length,
        line: lineNo,
        column: parsed.location.column ?? yamlColumn(line),
      });
    }
    out.push({ index: out.length, value: parsed[0]?.value, line: lineNo });
  }
  return out;
}

function parseYaml(file: string, text: string, limits: Limits): ParsedDocument[] {
  const fast = fastYamlDocuments(file, text, limits.maxDepth);
  if (fast) return fast;
  let docs;
  try {
    docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, prettyErrors: true });
  } catch (e) {
    if (e instanceof RangeError) {
      throw new SnapshotError("too-deep", "YAML nesting too deep to parse", { file });
    }
    throw e;
  }
  if (!Array.isArray(docs)) return []; // EmptyStream: only comments or whitespace
  const out: ParsedDocument[] = [];
  // Start lines are counted incrementally: documents come in order, so the text is scanned once.
  let scanned = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    for (; scanned < offset && scanned < text.length; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    return line;
  };
  docs.forEach((doc, index) => {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const firstLine = err.message.split("\n")[0] ?? err.message;
      const message = firstLine.replace(/ at line \d+, column \d+:?$/, "");
      throw new SnapshotError("syntax", `invalid YAML: ${message}`, {
        file,
        document: index,
        line: pos?.line,
        column: pos?.col,
      });
    }
    if (doc.contents === null) return; // comments-only or empty document between separators
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      if (e instanceof ReferenceError && /alias/i.test(e.message)) {
        throw new SnapshotError(
          "alias-limit",
          `YAML alias expansion exceeds the limit (maxAliasCount ${limits.maxAliasCount})`,
          { file, document: index },
        );
      }
      if (e instanceof RangeError) {
        throw new SnapshotError("too-deep", "YAML nesting too deep to convert", { file, document: index });
      }
      const message = e instanceof Error ? e.message : String(e);
      throw new SnapshotError("syntax", `invalid YAML: ${message}`, { file, document: index });
    }
    const start = doc.contents.range[0];
    out.push({ index, value, line: lineAt(start) });
  });
  return out;
}

/**
 * Parses one (already decompressed) file. `budget` is the number of uncompressed bytes still allowed over
 * the whole snapshot.
 */
export function parseFile(
  file: string,
  data: Uint8Array,
  limits: Limits,
  budget: number,
  gzip = false,
  visitList?: ListVisitor,
): ParsedFile {
  if (data.length > budget) {
    throw new SnapshotError("too-large", `input exceeds the size limit of ${limits.maxBytes} bytes`, {
      file,
    });
  }
  let text: string;
  if (nodeBuffer) {
    const buf = asBuffer(data, nodeBuffer);
    assertUtf8(file, buf, nodeBuffer);
    const list = parseJsonList(buf, limits.maxDepth, visitList);
    if (list) {
      if (list.tooDeep) throw tooDeep(limits.maxDepth, file);
      return {
        syntax: "json",
        gzip,
        bytes: data.length,
        documents: [{ index: 0, value: list.value }],
        streamed: list.streamed,
      };
    }
    text = decodeText(buf);
  } else {
    // The JSON list fast path works on a Buffer; the browser parses the whole text, with the same result.
    text = decodeStrict(file, data);
  }
  const first = firstMeaningfulChar(text);
  const jsonLines = (documents: ParsedDocument[]): ParsedFile => {
    documents.forEach((d) => assertDepth(d.value, limits.maxDepth, file, d.index));
    return { syntax: "jsonl", gzip, bytes: data.length, documents };
  };
  if (JSON_LINES_FILE.test(file.replace(/\.gz$/i, "")))
    return jsonLines(parseJsonLines(file, text, true) ?? []);
  let jsonError: SnapshotError | undefined;
  if (first === "{" || first === "[") {
    const docs = parseJson(file, text);
    if (!(docs instanceof SnapshotError)) {
      assertDepth(docs[0]?.value, limits.maxDepth, file, undefined);
      return { syntax: "json", gzip, bytes: data.length, documents: docs };
    }
    jsonError = docs;
    // Several JSON values, one per line, are JSON Lines (e.g. `kubectl get -o json | jq -c .items[]`).
    if (/after JSON$/.test(docs.message) && first === "{") {
      const lines = parseJsonLines(file, text, false);
      if (lines) return jsonLines(lines);
    }
  }
  // Input that starts like JSON is JSON, with one exception: a JSON document followed by more documents
  // (`kubectl version -o json` glued to a YAML stream) is read as the YAML stream it then is. When V8 gives
  // no position, the YAML parser (a JSON superset) is asked to locate the problem.
  if (jsonError && jsonError.location.line !== undefined && !/after JSON$/.test(jsonError.message)) {
    throw jsonError;
  }
  const documents = parseYaml(file, text, limits);
  for (const d of documents) assertDepth(d.value, limits.maxDepth, file, d.index);
  return { syntax: "yaml", gzip, bytes: data.length, documents };
}
