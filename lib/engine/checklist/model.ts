// Production-readiness checklists as data: items that reference an automated check or ask a manual
// question, the import/export file format, and manual answers. Validated with zod at every boundary.
import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../types";

export const ZItemKey = z
  .string()
  .trim()
  .min(1, { message: "Key is required." })
  .max(80, { message: "Key must be at most 80 characters." })
  .regex(/^[a-z0-9][a-z0-9-]*$/, {
    message: "Key must be lower-case letters, digits and dashes (kebab-case).",
  });

const text = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is required.` })
    .max(max, { message: `${what} must be at most ${max} characters.` });

const itemBase = {
  key: ZItemKey,
  title: text("Title", 200),
  category: z.enum(CATEGORIES, { message: `Category must be one of ${CATEGORIES.join(", ")}.` }),
  severity: z.enum(SEVERITIES, { message: `Severity must be one of ${SEVERITIES.join(", ")}.` }),
  weight: z
    .number({ message: "Weight must be a number." })
    .int({ message: "Weight must be a whole number." })
    .min(0, { message: "Weight must be from 0 to 10." })
    .max(10, { message: "Weight must be from 0 to 10." })
    .default(1),
  rationale: text("Rationale", 4000),
  remediation: text("Remediation", 4000),
  enabled: z.boolean().default(true),
};

export const ZChecklistItem = z.discriminatedUnion(
  "kind",
  [
    z.object({
      ...itemBase,
      kind: z.literal("automated"),
      checkId: ZItemKey,
      /**
       * Parameter values for the check ({minReplicas: 3}); unset ones keep the check's defaults. Checked
       * against the check's declared parameters by checklist/params.ts (kept out of this module so that
       * client components using it do not bundle the checks).
       */
      params: z.record(z.string(), z.unknown()).optional(),
    }),
    z.object({ ...itemBase, kind: z.literal("manual"), question: text("Question", 1000) }),
  ],
  { message: 'Kind must be "automated" (with checkId) or "manual" (with question).' },
);
export type ChecklistItemInput = z.input<typeof ZChecklistItem>;
export type ChecklistItem = z.infer<typeof ZChecklistItem>;

/** The import/export file. Exported files re-import identically. */
export const ZChecklistFile = z
  .object({
    kubereadyChecklist: z.literal(1, {
      message: "Not a Kubeready checklist file (kubereadyChecklist: 1 missing).",
    }),
    slug: ZItemKey,
    name: text("Name", 120),
    description: z.string().max(2000).default(""),
    items: z.array(ZChecklistItem).max(1000, { message: "At most 1000 items." }),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.items.forEach((item, i) => {
      if (seen.has(item.key)) {
        ctx.addIssue({ code: "custom", path: ["items", i, "key"], message: `Duplicate key "${item.key}".` });
      }
      seen.add(item.key);
    });
  });
export type ChecklistFile = z.infer<typeof ZChecklistFile>;

export const MANUAL_ANSWERS = ["yes", "partly", "no", "na"] as const;
export type ManualAnswerValue = (typeof MANUAL_ANSWERS)[number];

export const ZManualAnswer = z.object({
  answer: z.enum(MANUAL_ANSWERS, { message: "Answer must be yes, partly, no or na." }),
  note: z.string().max(4000, { message: "Evidence note must be at most 4000 characters." }).default(""),
});
export type ManualAnswer = z.infer<typeof ZManualAnswer>;

export const manualAnswerLabels: Record<ManualAnswerValue, string> = {
  yes: "Yes",
  partly: "Partly",
  no: "No",
  na: "Not applicable",
};
