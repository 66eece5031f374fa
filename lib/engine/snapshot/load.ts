import type {
  CertificateFact,
  RedactionCounts,
  K8sObject,
  Limits,
  LoadedSnapshot,
  ObjectOrigin,
  SnapshotSource,
  SnapshotWarning,
  SourceFormat,
} from "../types";
import { isRecord, rec, str } from "../util";
import { SnapshotError } from "./errors";
import { computeFacts, type KubectlVersion } from "./facts";
import { expandInput } from "./archive";
import type { ListVisitor } from "./json-list";
import { parseFile } from "./parse";
import { emptyRedactionCounts, redactObject } from "./redact";

export const DEFAULT_LIMITS: Limits = {
  maxBytes: 128 * 1024 * 1024,
  maxObjects: 200_000,
  maxAliasCount: 100,
  maxDepth: 100,
  maxArchiveEntries: 10_000,
  maxEntryBytes: 128 * 1024 * 1024,
};

export interface SnapshotInput {
  name: string;
  data: Uint8Array;
}

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  let clean = true;
  for (const k in v) if (typeof v[k] !== "string") clean = false;
  if (clean) return v as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    // Manifests sometimes carry numbers or booleans as label values; the API server would stringify them.
    if (typeof val === "string") out[k] = val;
    else if (typeof val === "number" || typeof val === "boolean") out[k] = String(val);
  }
  return out;
}

/**
 * The name given to an object without metadata.name (a manifest fragment, a template): "#3 in app.yaml",
 * its position in its file. Reports show it after the kind ("Deployment #3 in app.yaml"); a space and `#`
 * never occur in a real name, so it can neither clash with one nor be found by a reference.
 */
export function generatedName(file: string, document: number | undefined): string {
  const base = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  return `#${(document ?? 0) + 1} in ${base}`;
}

/**
 * Returns the value itself, narrowed to K8sObject, when it has kind and apiVersion, and whether it had to
 * be named (no metadata.name or generateName: named `unnamed`); else the reason to skip it. Mutates in
 * place: parsed input is ours and copying every object would cost as much as parsing it.
 */
function asObject(
  value: Record<string, unknown>,
  unnamed: string,
): { obj: K8sObject; named: boolean } | string {
  const kind = str(value.kind);
  const apiVersion = str(value.apiVersion);
  if (!kind || !apiVersion) return "not a Kubernetes object (no kind/apiVersion)";
  let metadata = rec(value.metadata);
  if (!metadata) value.metadata = metadata = {};
  const name = str(metadata.name) ?? str(metadata.generateName);
  metadata.name = name ?? unnamed;
  if (metadata.namespace !== undefined && !str(metadata.namespace)) delete metadata.namespace;
  for (const field of ["labels", "annotations"]) {
    const map = metadata[field];
    if (map === undefined) continue;
    const clean = stringMap(map);
    if (clean) metadata[field] = clean;
    else delete metadata[field];
  }
  return { obj: value as K8sObject, named: name !== undefined };
}

/** No bytes, or only whitespace and a byte-order mark. */
function isBlank(data: Uint8Array): boolean {
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    const bom = i < 3 && (b === 0xef || b === 0xbb || b === 0xbf);
    if (!bom && b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

function kubectlVersion(value: Record<string, unknown>): KubectlVersion | undefined {
  if (value.kind !== undefined) return undefined;
  const server = rec(value.serverVersion);
  const client = rec(value.clientVersion);
  if (!server && !client) return undefined;
  return { server: str(server?.gitVersion), client: str(client?.gitVersion) };
}

/**
 * Loads, validates and redacts uploaded files into one snapshot. Throws SnapshotError (and nothing
 * else) for input it cannot accept.
 */
export function loadSnapshot(inputs: readonly SnapshotInput[], limits?: Partial<Limits>): LoadedSnapshot {
  const lim: Limits = { ...DEFAULT_LIMITS, ...limits };
  const objects: K8sObject[] = [];
  const origins: ObjectOrigin[] = [];
  const warnings: SnapshotWarning[] = [];
  const certificates: CertificateFact[] = [];
  const redactions = emptyRedactionCounts();
  const sources: SnapshotSource[] = [];
  const versions: KubectlVersion[] = [];
  let bytesUsed = 0;

  const files = inputs.flatMap((input) => {
    const expanded = expandInput(input.name, input.data, lim, lim.maxBytes - bytesUsed, warnings);
    for (const f of expanded) bytesUsed += f.data.length;
    return expanded;
  });
  bytesUsed = 0;

  for (const input of files) {
    const file = input.name;
    let format: SourceFormat | undefined;
    let documentCount = 0;
    const before = objects.length;

    let line: number | undefined;
    const add = (
      value: unknown,
      document: number | undefined,
      inherited?: { kind?: string; apiVersion?: string },
    ) => {
      if (value === null || value === undefined) return;
      if (!isRecord(value)) {
        warnings.push({ file, document, message: "skipped: document is not a mapping" });
        return;
      }
      if (inherited) {
        value.kind ??= inherited.kind;
        value.apiVersion ??= inherited.apiVersion;
      }
      const found = asObject(value, generatedName(file, document));
      if (typeof found === "string") {
        warnings.push({ file, document, message: `skipped: ${found}` });
        return;
      }
      const obj = found.obj;
      if (!found.named) {
        warnings.push({
          file,
          document,
          message: `${obj.kind} without metadata.name: analysed as "${obj.metadata.name}"`,
        });
      }
      if (objects.length >= lim.maxObjects) {
        throw new SnapshotError("too-many-objects", `more than the limit of ${lim.maxObjects} objects`, {
          file,
          document,
        });
      }
      redactObject(obj, redactions, certificates, warnings, file, document);
      objects.push(obj);
      origins.push(line === undefined ? { file, document } : { file, document, line });
    };

    /** One element of a list's items: a nested list, or an object that may inherit kind/apiVersion. */
    const addItem = (
      item: unknown,
      document: number,
      inherited: { kind?: string; apiVersion?: string },
    ): void => {
      if (isRecord(item) && str(item.kind)?.endsWith("List") && Array.isArray(item.items)) {
        addDocument(item, document);
      } else {
        add(item, document, inherited);
      }
    };

    /** What a list's items inherit: typed lists (PodList) leave kind out of their items. */
    const inheritedFrom = (kind: string, list: Record<string, unknown>) => ({
      kind: kind === "List" ? undefined : kind.slice(0, -"List".length),
      apiVersion: str(list.apiVersion),
    });

    const addDocument = (value: unknown, document: number | undefined): void => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => addDocument(v, document ?? i));
        return;
      }
      if (!isRecord(value)) {
        if (value !== null && value !== undefined) {
          warnings.push({ file, document, message: "skipped: document is not a mapping" });
        }
        return;
      }
      const version = kubectlVersion(value);
      if (version) {
        versions.push(version);
        if (documentCount === 1) format = "kubectl-version";
        return;
      }
      const kind = str(value.kind);
      // No depth limit of its own: the parser has already rejected anything nested deeper than
      // maxDepth, and a List stored as an object would keep its items (Secrets included) unredacted.
      if (kind?.endsWith("List") && Array.isArray(value.items)) {
        format = format === "json" ? "json-list" : format;
        const inherited = inheritedFrom(kind, value);
        value.items.forEach((item, i) => addItem(item, document ?? i, inherited));
        return;
      }
      add(value, document);
    };

    // A big JSON list hands its items over while it is parsed, so that what redaction drops never
    // outlives the young generation. The outcome is the same as adding them after the parse: the head
    // is read as addDocument reads a top-level list, a limit error waits until the whole list has parsed
    // (a syntax error elsewhere still wins), and if the fast path gives up, what it added is forgotten.
    let streamedFrom:
      { objects: number; warnings: number; certificates: number; redactions: RedactionCounts } | undefined;
    let pendingError: SnapshotError | undefined;
    const visitList: ListVisitor = (head) => {
      const kind = str(head.kind);
      if (!kind?.endsWith("List") || kubectlVersion(head)) return undefined;
      streamedFrom = {
        objects: objects.length,
        warnings: warnings.length,
        certificates: certificates.length,
        redactions: { ...redactions },
      };
      const inherited = inheritedFrom(kind, head);
      return (item, i) => {
        if (pendingError) return;
        try {
          addItem(item, i, inherited);
        } catch (e) {
          if (!(e instanceof SnapshotError)) throw e;
          pendingError = e;
        }
      };
    };

    const parsed = parseFile(file, input.data, lim, lim.maxBytes - bytesUsed, input.gzip, visitList);
    bytesUsed += parsed.bytes;
    format = parsed.syntax === "jsonl" ? "json-lines" : parsed.syntax;
    documentCount = parsed.documents.length;
    if (parsed.streamed) {
      if (pendingError) throw pendingError;
      format = "json-list";
    } else {
      if (streamedFrom) {
        objects.length = streamedFrom.objects;
        origins.length = streamedFrom.objects;
        warnings.length = streamedFrom.warnings;
        certificates.length = streamedFrom.certificates;
        Object.assign(redactions, streamedFrom.redactions);
      }
      for (const doc of parsed.documents) {
        line = doc.line;
        addDocument(doc.value, parsed.syntax === "json" ? undefined : doc.index);
      }
    }
    sources.push({ file, format, gzip: parsed.gzip, bytes: parsed.bytes, objects: objects.length - before });
  }

  if (inputs.length === 0) throw new SnapshotError("empty", "no input files");
  if (objects.length === 0) {
    const file = inputs.length === 1 ? inputs[0]?.name : undefined;
    // Nothing at all (a 0-byte file, or only blanks) says so, rather than that no objects were found.
    const blank = (files.length > 0 ? files : inputs).every((f) => isBlank(f.data));
    throw new SnapshotError(
      "empty",
      blank
        ? inputs.length === 1
          ? "the file is empty"
          : "the files are empty"
        : "no Kubernetes objects found (expected kind and apiVersion)",
      { file },
    );
  }
  return {
    objects,
    origins,
    facts: computeFacts(objects, versions),
    certificates,
    warnings,
    redactions,
    sources,
  };
}
