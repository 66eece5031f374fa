// Checklist files: YAML or JSON text in, validated checklist out (with every problem located);
// and the reverse. Exported files re-import identically.
import { parseDocument, stringify } from "yaml";
import { ZChecklistFile, type ChecklistFile } from "./model";
import { itemParamIssues } from "./params";

export type ParseChecklistResult =
  | { ok: true; file: ChecklistFile }
  | { ok: false; message: string; errors: { path: string; message: string }[] };

export function parseChecklistFile(text: string): ParseChecklistResult {
  if (text.trim() === "") return { ok: false, message: "The file is empty.", errors: [] };
  // JSON is YAML, so one parser serves both and reports line:column for either.
  const doc = parseDocument(text);
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = syntax.linePos?.[0];
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : "";
    return {
      ok: false,
      message: `The file is not valid YAML or JSON${where}: ${syntax.message.split("\n")[0]}`,
      errors: [],
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { ok: false, message: `The file could not be read: ${(err as Error).message}`, errors: [] };
  }
  const result = ZChecklistFile.safeParse(raw);
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    // zod skips the duplicate-key refinement while other fields are invalid; report both at once.
    for (const dup of duplicateKeys(raw)) if (!errors.some((e) => e.path === dup.path)) errors.push(dup);
    return { ok: false, message: summary(errors), errors };
  }
  const paramErrors = itemParamIssues(result.data.items);
  if (paramErrors.length > 0) return { ok: false, message: summary(paramErrors), errors: paramErrors };
  return { ok: true, file: result.data };
}

function summary(errors: { path: string; message: string }[]): string {
  const first = errors[0]!;
  const more =
    errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? "s" : ""})` : "";
  return `${first.path ? `${first.path}: ` : ""}${first.message}${more}`;
}

function duplicateKeys(raw: unknown): { path: string; message: string }[] {
  const items = (raw as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  const seen = new Set<string>();
  const out: { path: string; message: string }[] = [];
  items.forEach((item: unknown, i) => {
    const key = (item as { key?: unknown } | null)?.key;
    if (typeof key !== "string") return;
    if (seen.has(key)) out.push({ path: `items.${i}.key`, message: `Duplicate key "${key}".` });
    seen.add(key);
  });
  return out;
}

/** Items with their fields in a fixed order, so exports diff cleanly in git. */
function ordered(file: ChecklistFile) {
  return {
    kubereadyChecklist: file.kubereadyChecklist,
    slug: file.slug,
    name: file.name,
    description: file.description,
    items: file.items.map((i) => ({
      key: i.key,
      kind: i.kind,
      ...(i.kind === "automated" ? { checkId: i.checkId } : { question: i.question }),
      ...(i.kind === "automated" && i.params !== undefined ? { params: i.params } : {}),
      title: i.title,
      category: i.category,
      severity: i.severity,
      weight: i.weight,
      enabled: i.enabled,
      rationale: i.rationale,
      remediation: i.remediation,
    })),
  };
}

export function serializeChecklistFile(file: ChecklistFile, format: "yaml" | "json"): string {
  return format === "json"
    ? `${JSON.stringify(ordered(file), null, 2)}\n`
    : stringify(ordered(file), { lineWidth: 0 });
}
