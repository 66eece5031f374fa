// Check parameters set on checklist items: validated against each check's declared parameters, and
// gathered into the parameter values an analysis runs with.
import { resolveParams } from "../checks/define";
import { getCheck } from "../checks/registry";
import type { CheckParams } from "../checks/types";
import type { ChecklistItem } from "./model";

/** Problems with the params of checklist items, located as `items.<i>.params.<name>` (or `params.<name>`). */
export function itemParamIssues(
  items: readonly ChecklistItem[],
  prefix: (index: number) => string = (i) => `items.${i}.`,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  items.forEach((item, i) => {
    if (item.kind !== "automated" || item.params === undefined) return;
    const check = getCheck(item.checkId);
    if (!check) {
      if (Object.keys(item.params).length > 0)
        out.push({
          path: `${prefix(i)}params`,
          message: `Unknown check "${item.checkId}": its parameters cannot be set.`,
        });
      return;
    }
    const resolved = resolveParams(check, item.params);
    if (!resolved.ok)
      for (const issue of resolved.issues)
        out.push({ path: `${prefix(i)}params.${issue.param}`, message: issue.message });
  });
  return out;
}

/**
 * The parameter values an analysis scored with this checklist runs with: per check, those of its first
 * enabled automated item that sets any (a checklist referencing a check twice cannot run it twice).
 */
export function checklistParams(items: readonly ChecklistItem[]): CheckParams {
  const out: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const item of items) {
    if (item.kind !== "automated" || !item.enabled || !item.params || Object.keys(item.params).length === 0)
      continue;
    if (!(item.checkId in out)) out[item.checkId] = item.params;
  }
  return out;
}
