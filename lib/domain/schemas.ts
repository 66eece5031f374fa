// Request schemas shared by route handlers and forms. `ZThing` is the schema, `Thing` its type.
import { z } from "zod";
import { passwordProblem, personalPasswordProblem } from "./password-policy";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }));
// The policy's length, repetition and common-password rules; schemas that also know the account's
// email and name add the personal rule with `withPersonalPasswordRule`.
const password = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
function withPersonalPasswordRule(
  v: { email: string; name: string; password: string },
  ctx: z.RefinementCtx,
) {
  const problem = personalPasswordProblem(v.password, v);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
}
const name = (what: string, max = 120) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is required.` })
    .max(max, { message: `${what} must be at most ${max} characters.` });

export const ZLogin = z.object({ email, password: z.string().min(1, { message: "Enter your password." }) });
export type Login = z.infer<typeof ZLogin>;

export const ZSetup = z.object({ email, name: name("Name"), password }).superRefine(withPersonalPasswordRule);
export type Setup = z.infer<typeof ZSetup>;

export const ZRole = z.enum(["admin", "member"]);
export type Role = z.infer<typeof ZRole>;

export const ZCreateUser = z
  .object({ email, name: name("Name"), password, role: ZRole.default("member") })
  .superRefine(withPersonalPasswordRule);
export type CreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({ role: ZRole.optional(), active: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.active !== undefined, { message: "Nothing to change." });
export type UpdateUser = z.infer<typeof ZUpdateUser>;

export const ZCreateAssessment = z.object({
  name: name("Name"),
  /** Defaults to the creator's first team (the default team on a fresh install). */
  teamId: z.uuid({ message: "Choose a team." }).optional(),
});
export type CreateAssessment = z.infer<typeof ZCreateAssessment>;

export const ZUpdateAssessment = z
  .object({
    name: name("Name").optional(),
    teamId: z.uuid({ message: "Choose a team." }).optional(),
    version: z.number().int().positive().optional(),
  })
  .refine((v) => v.name !== undefined || v.teamId !== undefined, { message: "Nothing to change." });
export type UpdateAssessment = z.infer<typeof ZUpdateAssessment>;

export const ZPutAnswers = z.object({
  version: z.number().int().positive(),
  // null clears an answer; values are validated per question by the questionnaire.
  answers: z.record(z.string().max(100), z.unknown()),
});
export type PutAnswers = z.infer<typeof ZPutAnswers>;

// The account is not in the body: the data layer re-checks the new password against its email and name.
export const ZChangePassword = z.object({
  currentPassword: z.string().min(1, { message: "Enter your current password." }).max(200),
  newPassword: password,
});
export type ChangePassword = z.infer<typeof ZChangePassword>;

export const ZResetPassword = z.object({ token: z.string().min(1).max(200), newPassword: password });
export type ResetPassword = z.infer<typeof ZResetPassword>;

export const ZCreateToken = z.object({
  name: name("Token name", 80),
  /** read: GET only. write: everything the owner may do. */
  scope: z.enum(["read", "write"]).default("write"),
  /** Absolute expiry (ISO date-time, in the future); null never expires. */
  expiresAt: z.iso
    .datetime({ offset: true, message: "Expiry must be an ISO date-time." })
    .nullable()
    .default(null)
    .transform((v) => (v ? new Date(v) : null))
    .refine((d) => d === null || d.getTime() > Date.now(), { message: "Expiry must be in the future." }),
});
export type CreateToken = z.infer<typeof ZCreateToken>;

/** Whose tokens to list: yours by default; administrators may name a user, or "all". */
export const ZTokenQuery = z.object({ user: z.uuid().or(z.literal("all")).optional() });

export const ZCreateShareLink = z.object({
  expiresInDays: z.number().int().min(1).max(365).nullable().default(null),
  /** What the link is for, so it can be told apart in the list; blank is none. */
  label: z
    .string()
    .trim()
    .max(80, { message: "A link label has at most 80 characters." })
    .nullable()
    .default(null)
    .transform((v) => v || null),
});
export type CreateShareLink = z.infer<typeof ZCreateShareLink>;

export const ZId = z.object({ id: z.uuid({ message: "Not a valid id." }) });
// Any string: a malformed share token must look exactly like a revoked one (404), not a 400.
export const ZToken = z.object({ token: z.string().max(200) });

export const ZCreateChecklist = z.object({
  name: name("Name"),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: "Slug must be lower-case letters, digits and dashes." }),
  description: z.string().trim().max(2000).default(""),
});
export type CreateChecklist = z.infer<typeof ZCreateChecklist>;

// Which fields may change; their values are validated against the whole item (ZChecklistItem), so
// the messages are the item's own and every invalid field is reported at once.
export const ZItemPatch = z
  .object({
    title: z.unknown(),
    category: z.unknown(),
    severity: z.unknown(),
    weight: z.unknown(),
    rationale: z.unknown(),
    remediation: z.unknown(),
    enabled: z.unknown(),
    question: z.unknown(),
    checkId: z.unknown(),
    params: z.unknown(),
  })
  .partial()
  .strict();

export const ZReorder = z.object({ keys: z.array(z.string()).min(1).max(1000) });

export const ZVersionItem = z.object({ versionId: z.uuid(), itemId: z.uuid() });
export const ZVersionId = z.object({ versionId: z.uuid() });
export const ZDiffQuery = z.object({ from: z.uuid(), to: z.uuid() });
export const ZExportQuery = z.object({ format: z.enum(["yaml", "json"]).default("yaml") });

export const ZCreateExemption = z.object({
  checkId: z.string().trim().min(1, { message: "Choose a check." }).max(80),
  /** One part of a bundled check (resource-limits: cpu or memory); null: every result of the check. */
  concern: z.string().trim().min(1).max(40).nullable().default(null),
  namespacePattern: z.string().trim().min(1).max(253).default("*"),
  namePattern: z.string().trim().min(1).max(253).default("*"),
  reason: z.string().trim().min(3, { message: "Give a reason (at least 3 characters)." }).max(2000),
  expiresAt: z.iso
    .datetime({ offset: true, message: "Expiry must be an ISO date-time." })
    .or(z.iso.date({ message: "Expiry must be a date (YYYY-MM-DD)." }))
    .nullable()
    .default(null)
    .transform((v) => (v ? new Date(v) : null))
    .refine((d) => d === null || d.getTime() > Date.now(), { message: "Expiry must be in the future." }),
});
export type CreateExemption = z.infer<typeof ZCreateExemption>;

export const ZAuditQuery = z.object({
  entityType: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const ZChooseChecklist = z.object({ checklistId: z.uuid({ message: "Choose a checklist." }) });

export const ZPutChecklistAnswers = z.object({
  version: z.number().int().positive(),
  answers: z.record(z.string().max(100), z.unknown()),
});

export const ZTeamRole = z.enum(["member", "maintainer"]);
export type TeamRole = z.infer<typeof ZTeamRole>;

export const ZCreateTeam = z.object({ name: name("Team name", 80) });
export type CreateTeam = z.infer<typeof ZCreateTeam>;

export const ZUpdateTeam = z.object({ name: name("Team name", 80) });

export const ZPutMember = z.object({ role: ZTeamRole.default("member") });
export const ZTeamMember = z.object({ id: z.uuid(), userId: z.uuid() });

/** PATCH /api/snapshots/{id}: a short name (empty clears it) and/or the baseline mark. */
export const ZUpdateSnapshot = z
  .object({
    name: z.string().trim().max(80, { message: "A snapshot name has at most 80 characters." }).nullable(),
    baseline: z.boolean(),
  })
  .partial()
  .refine((v) => v.name !== undefined || v.baseline !== undefined, {
    message: "Send a name, a baseline flag, or both.",
  });

/** GET /api/assessments/{id}/snapshots/compare?from=&to= */
export const ZCompareQuery = z.object({
  from: z.uuid({ message: "`from` must be a snapshot id." }),
  to: z.uuid({ message: "`to` must be a snapshot id." }),
});

/** GET …/report and GET /api/shared/{token}: without `format` the report JSON; with it, a download. */
export const ZReportQuery = z.object({ format: z.enum(["json", "md", "csv", "sarif", "pdf"]).optional() });
export type ReportFormat = NonNullable<z.infer<typeof ZReportQuery>["format"]>;

/**
 * GET /api/assessments/{id}/findings: one row per failing object per check of the latest snapshot.
 * Parsed by lib/server/findings.ts after the caller is authorised (outsiders get 404, not 400).
 */
export const ZFindingsQuery = z.object({
  page: z.coerce.number().int().min(1, { message: "`page` starts at 1." }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { message: "`pageSize` is at most 200." }).default(50),
  sort: z.enum(["severity", "check", "namespace", "kind", "name"]).default("severity"),
  dir: z.enum(["asc", "desc"]).optional(),
  severity: z.enum(["critical", "high", "medium", "low", "info"]).optional(),
  category: z
    .enum(["reliability", "security", "efficiency", "operations", "networking", "lifecycle"])
    .optional(),
  check: z.string().trim().max(100).optional(),
  namespace: z.string().trim().max(253).optional(),
  kind: z.string().trim().max(100).optional(),
  /** Free text matched (case-insensitively) against object names. */
  q: z.string().trim().max(200).optional(),
  /** Failing objects (the default), exempt ones or passing ones. */
  status: z.enum(["fail", "exempt", "pass"]).default("fail"),
  /** Groups the rows (and their counts) by namespace or by owning workload. */
  group: z.enum(["namespace", "owner"]).optional(),
  /** Only objects owned by this workload: `Kind/namespace/name` (namespace empty when cluster-scoped). */
  owner: z.string().trim().max(600).optional(),
});
export type FindingsQuery = z.infer<typeof ZFindingsQuery>;

/** A check page's objects: one status at a time, paginated, optionally one namespace or a name search. */
export const ZCheckObjectsQuery = z.object({
  page: z.coerce.number().int().min(1, { message: "`page` starts at 1." }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { message: "`pageSize` is at most 200." }).default(50),
  status: z.enum(["fail", "exempt", "pass"]).default("fail"),
  namespace: z.string().trim().max(253).optional(),
  q: z.string().trim().max(200).optional(),
});
export type CheckObjectsQuery = z.infer<typeof ZCheckObjectsQuery>;

/**
 * GET /api/assessments/{id}/report/checks and /api/shared/{token}/checks: one category card of the
 * report, a page of its checklist items; with `check`, a page of that check's failing objects.
 * Parsed by lib/server/reports.ts after the caller is authorised.
 */
export const ZReportChecksQuery = z.object({
  category: z.enum(["reliability", "security", "efficiency", "operations", "networking", "lifecycle"], {
    message: "`category` is one of reliability, security, efficiency, operations, networking, lifecycle.",
  }),
  page: z.coerce.number().int().min(1, { message: "`page` starts at 1." }).max(10_000).default(1),
  check: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { message: "`check` is a check id." })
    .optional(),
});
export type ReportChecksQuery = z.infer<typeof ZReportChecksQuery>;
