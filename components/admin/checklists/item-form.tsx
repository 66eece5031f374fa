"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { paramsBody, paramText, paramTexts, sameParams } from "@/lib/client/check-params";
import { CATEGORIES, SEVERITIES, type Category, type Severity } from "@/lib/engine/types";
import { CheckOptions, fieldErrors, ProblemAlert, SelectField, TextAreaField } from "./controls";
import type { CheckDto, ItemDto } from "./queries";

export interface ItemValues {
  key: string;
  kind: "automated" | "manual";
  checkId: string;
  question: string;
  title: string;
  category: Category;
  severity: Severity;
  weight: string;
  rationale: string;
  remediation: string;
  /** The check's parameters as typed, by name; empty for the default. */
  params: Record<string, string>;
}

export const emptyItem: ItemValues = {
  key: "",
  kind: "manual",
  checkId: "",
  question: "",
  title: "",
  category: "operations",
  severity: "medium",
  weight: "1",
  rationale: "",
  remediation: "",
  params: {},
};

export function itemValues(item: ItemDto): ItemValues {
  return {
    key: item.key,
    kind: item.kind,
    checkId: item.checkId ?? "",
    question: item.question ?? "",
    title: item.title,
    category: item.category,
    severity: item.severity,
    weight: String(item.weight),
    rationale: item.rationale,
    remediation: item.remediation,
    params: paramTexts(item.params),
  };
}

const specsOf = (checks: CheckDto[] | undefined, checkId: string) =>
  checks?.find((c) => c.id === checkId)?.params ?? [];

/** An empty weight goes to the server as null so it answers with its own "must be a number" message. */
function weightValue(weight: string): number | null {
  return weight.trim() === "" ? null : Number(weight);
}

/** Body for POST …/items: a complete ZChecklistItem. */
export function newItemBody(v: ItemValues, checks: CheckDto[] | undefined) {
  const common = {
    key: v.key,
    kind: v.kind,
    title: v.title,
    category: v.category,
    severity: v.severity,
    weight: weightValue(v.weight),
    rationale: v.rationale,
    remediation: v.remediation,
    enabled: true,
  };
  if (v.kind === "manual") return { ...common, question: v.question };
  const params = paramsBody(v.params, specsOf(checks, v.checkId));
  return { ...common, checkId: v.checkId, ...(Object.keys(params).length > 0 ? { params } : {}) };
}

/** Body for PATCH …/items/{id}: only what changed, so the audit log shows the real edit. */
export function itemPatch(
  before: ItemValues,
  after: ItemValues,
  checks: CheckDto[] | undefined,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const fields = ["title", "category", "severity", "rationale", "remediation"] as const;
  for (const f of fields) if (before[f] !== after[f]) patch[f] = after[f];
  if (before.weight !== after.weight) patch.weight = weightValue(after.weight);
  if (after.kind === "manual" && before.question !== after.question) patch.question = after.question;
  if (after.kind === "automated" && before.checkId !== after.checkId) patch.checkId = after.checkId;
  if (after.kind === "automated") {
    // A new check gets only its own parameters; otherwise params go out when they changed.
    if (before.checkId !== after.checkId || !sameParams(before.params, after.params))
      patch.params = paramsBody(after.params, specsOf(checks, after.checkId));
  }
  return patch;
}

function keyFrom(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

export function ItemForm({
  mode,
  label,
  initial,
  checks,
  error,
  pending,
  onSubmit,
  onCancel,
}: {
  mode: "add" | "edit";
  /** Accessible name of the form, e.g. "Edit Pods have probes". */
  label: string;
  initial: ItemValues;
  checks: CheckDto[] | undefined;
  error: unknown;
  pending: boolean;
  onSubmit: (values: ItemValues) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState(initial);
  const [keyTouched, setKeyTouched] = useState(mode === "edit");
  const fieldError = fieldErrors(error);
  const set = (patch: Partial<ItemValues>) => {
    const next = { ...v, ...patch };
    if (!keyTouched) next.key = next.kind === "automated" ? next.checkId : keyFrom(next.title);
    setV(next);
  };
  const pickCheck = (checkId: string) => {
    const check = checks?.find((c) => c.id === checkId);
    if (!check || mode === "edit") {
      set({ checkId });
      return;
    }
    // A new automated item starts from the check's own metadata; the admin adjusts what differs.
    set({
      checkId,
      title: v.title || check.title,
      category: check.category,
      severity: check.severity,
      rationale: v.rationale || check.rationale,
      remediation: v.remediation || check.remediation,
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  const specs = specsOf(checks, v.checkId);
  const shown = [
    "key",
    "kind",
    "checkId",
    "question",
    "title",
    "category",
    "severity",
    "weight",
    "rationale",
    "remediation",
    ...specs.map((spec) => `params.${spec.name}`),
  ];

  return (
    <form
      onSubmit={submit}
      aria-label={label}
      className="grid gap-3 rounded-md border border-slate-200 bg-slate-50 p-4 sm:grid-cols-2"
    >
      {mode === "add" ? (
        <fieldset className="flex flex-wrap gap-4 text-sm sm:col-span-2">
          <legend className="mb-1 font-medium text-slate-700">Kind</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="kind"
              checked={v.kind === "manual"}
              onChange={() => set({ kind: "manual" })}
            />
            Manual
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="kind"
              checked={v.kind === "automated"}
              onChange={() => set({ kind: "automated" })}
            />
            Automated
          </label>
        </fieldset>
      ) : null}
      {v.kind === "automated" ? (
        <SelectField
          label="Linked check"
          className="sm:col-span-2"
          value={v.checkId}
          onChange={(e) => pickCheck(e.target.value)}
          error={fieldError("checkId")}
        >
          <CheckOptions checks={checks} />
          {v.checkId && checks && !checks.some((c) => c.id === v.checkId) ? (
            <option value={v.checkId}>{v.checkId} (unknown check)</option>
          ) : null}
        </SelectField>
      ) : (
        <TextAreaField
          label="Question"
          className="sm:col-span-2"
          rows={2}
          value={v.question}
          onChange={(e) => set({ question: e.target.value })}
          error={fieldError("question")}
          hint="Asked in every assessment; answered yes / partly / no / not applicable with an evidence note."
        />
      )}
      {v.kind === "automated" && specs.length > 0 ? (
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Check parameters</legend>
          {specs.map((spec) => (
            <Field
              key={spec.name}
              label={spec.name}
              value={v.params[spec.name] ?? ""}
              placeholder={paramText(spec.default) || "none"}
              onChange={(e) => set({ params: { ...v.params, [spec.name]: e.target.value } })}
              error={fieldError(`params.${spec.name}`)}
              hint={`${spec.description} Empty: the default (${paramText(spec.default) || "none"}).${Array.isArray(spec.default) ? " Separate values with commas." : ""}`}
            />
          ))}
        </fieldset>
      ) : null}
      <Field
        label="Title"
        value={v.title}
        onChange={(e) => set({ title: e.target.value })}
        error={fieldError("title")}
      />
      {mode === "add" ? (
        <Field
          label="Key"
          value={v.key}
          onChange={(e) => {
            setKeyTouched(true);
            setV({ ...v, key: e.target.value });
          }}
          error={fieldError("key")}
          hint="Stable id in kebab-case; answers and diffs follow it across versions."
        />
      ) : (
        <div className="flex flex-col gap-1 text-sm">
          <span className="font-medium text-slate-700">Key</span>
          <code className="py-2 text-xs text-slate-600">{v.key}</code>
        </div>
      )}
      <SelectField
        label="Category"
        value={v.category}
        onChange={(e) => set({ category: e.target.value as Category })}
        error={fieldError("category")}
      >
        {CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </SelectField>
      <div className="grid grid-cols-2 gap-3">
        <SelectField
          label="Severity"
          value={v.severity}
          onChange={(e) => set({ severity: e.target.value as Severity })}
          error={fieldError("severity")}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <Field
          label="Weight"
          type="number"
          min={0}
          max={10}
          step={1}
          value={v.weight}
          onChange={(e) => set({ weight: e.target.value })}
          error={fieldError("weight")}
          hint="0–10, multiplies the severity weight; 0 leaves the item out of the score."
        />
      </div>
      <TextAreaField
        label="Rationale"
        value={v.rationale}
        onChange={(e) => set({ rationale: e.target.value })}
        error={fieldError("rationale")}
      />
      <TextAreaField
        label="Remediation"
        value={v.remediation}
        onChange={(e) => set({ remediation: e.target.value })}
        error={fieldError("remediation")}
      />
      <div className="flex flex-col gap-2 sm:col-span-2">
        <ProblemAlert error={error} shownPaths={shown} />
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            {mode === "add" ? "Add item" : "Save"}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </form>
  );
}
