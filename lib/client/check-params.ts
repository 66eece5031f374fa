// A check's parameters in the checklist item form: one text box per parameter, left empty for the
// check's default. Numbers are typed as digits, lists as comma-separated values. What the text cannot
// be read as (letters where a number belongs) goes to the server as typed, so its validation names the
// parameter and says what is expected (lib/engine/checklist/params.ts).

export interface ParamSpecDto {
  name: string;
  default: unknown;
  description: string;
}

/** A parameter value as the admin reads and types it. */
export function paramText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** The stored params of an item as texts, by parameter name. */
export function paramTexts(params: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) out[name] = paramText(value);
  return out;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The texts as the params body of an item: empty ones left out (the check's default applies). */
export function paramsBody(
  texts: Record<string, string>,
  specs: readonly ParamSpecDto[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const text = (texts[spec.name] ?? "").trim();
    if (text === "") continue;
    if (Array.isArray(spec.default)) {
      out[spec.name] = text
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    } else if (typeof spec.default === "number") {
      out[spec.name] = NUMBER.test(text) ? Number(text) : text;
    } else if (typeof spec.default === "boolean") {
      out[spec.name] = text === "true" ? true : text === "false" ? false : text;
    } else {
      out[spec.name] = text;
    }
  }
  return out;
}

/** Whether two sets of texts mean the same params (blank and absent are the same: the default). */
export function sameParams(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names) if ((a[name] ?? "").trim() !== (b[name] ?? "").trim()) return false;
  return true;
}
