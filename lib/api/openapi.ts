// The OpenAPI 3.1 description of the HTTP API, built from the same zod schemas the routes parse with.
// A unit test fails when a route file exports a method that is not listed here.
import { z } from "zod";
import { ZChecklistItem } from "@/lib/engine/checklist/model";
import * as S from "@/lib/domain/schemas";

type Access = "public" | "user" | "admin";
interface Operation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  access: Access;
  tag: string;
  body?: z.ZodType;
  /** Raw (non-JSON) request body, e.g. a snapshot upload. */
  rawBody?: string;
  query?: z.ZodObject;
}

export const operations: Operation[] = [
  { method: "get", path: "/api/health", summary: "Liveness", access: "public", tag: "system" },
  {
    method: "get",
    path: "/api/ready",
    summary: "Readiness: database reachable, migrations applied",
    access: "public",
    tag: "system",
  },
  { method: "get", path: "/api/openapi.json", summary: "This document", access: "public", tag: "system" },
  {
    method: "post",
    path: "/api/setup",
    summary: "Create the first administrator",
    access: "public",
    tag: "auth",
    body: S.ZSetup,
  },
  {
    method: "post",
    path: "/api/auth/login",
    summary: "Sign in (sets the session cookie)",
    access: "public",
    tag: "auth",
    body: S.ZLogin,
  },
  { method: "post", path: "/api/auth/logout", summary: "Sign out", access: "public", tag: "auth" },
  {
    method: "get",
    path: "/api/auth/oidc/login",
    summary: "Single sign-on: 302 to the OpenID Connect provider (404 when not configured)",
    access: "public",
    tag: "auth",
  },
  {
    method: "get",
    path: "/api/auth/oidc/callback",
    summary: "Single sign-on: the provider's answer → session cookie, 302 to /assessments or /login?error=",
    access: "public",
    tag: "auth",
  },
  { method: "get", path: "/api/me", summary: "The calling user", access: "user", tag: "auth" },
  {
    method: "get",
    path: "/api/tokens",
    summary: "Your personal API tokens (administrators: anyone's with ?user=<id>|all)",
    access: "user",
    tag: "auth",
    query: S.ZTokenQuery,
  },
  {
    method: "post",
    path: "/api/tokens",
    summary: "Create a token (the secret is returned once)",
    access: "user",
    tag: "auth",
    body: S.ZCreateToken,
  },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    summary: "Revoke a token (yours; administrators: anyone's)",
    access: "user",
    tag: "auth",
  },
  {
    method: "post",
    path: "/api/me/password",
    summary: "Change your password (signs out your other sessions)",
    access: "user",
    tag: "auth",
    body: S.ZChangePassword,
  },
  { method: "get", path: "/api/me/sessions", summary: "Your sessions", access: "user", tag: "auth" },
  {
    method: "delete",
    path: "/api/me/sessions/{id}",
    summary: "Sign out one of your sessions",
    access: "user",
    tag: "auth",
  },
  {
    method: "post",
    path: "/api/auth/reset",
    summary: "Set a new password with a one-time reset link",
    access: "public",
    tag: "auth",
    body: S.ZResetPassword,
  },
  {
    method: "get",
    path: "/api/questionnaire",
    summary: "Questionnaire sections and questions",
    access: "user",
    tag: "assessments",
  },
  { method: "get", path: "/api/checks", summary: "Check catalogue", access: "user", tag: "checks" },
  {
    method: "get",
    path: "/api/checklists",
    summary: "Published checklists",
    access: "user",
    tag: "checklists",
  },
  {
    method: "get",
    path: "/api/assessments",
    summary: "List assessments",
    access: "user",
    tag: "assessments",
  },
  {
    method: "post",
    path: "/api/assessments",
    summary: "Create an assessment",
    access: "user",
    tag: "assessments",
    body: S.ZCreateAssessment,
  },
  {
    method: "get",
    path: "/api/assessments/{id}",
    summary: "Read an assessment",
    access: "user",
    tag: "assessments",
  },
  {
    method: "patch",
    path: "/api/assessments/{id}",
    summary: "Rename or move to another team (owner, team maintainers, admins; optional version check)",
    access: "user",
    tag: "assessments",
    body: S.ZUpdateAssessment,
  },
  {
    method: "delete",
    path: "/api/assessments/{id}",
    summary: "Delete an assessment (owner, team maintainers, admins; audited)",
    access: "user",
    tag: "assessments",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/answers",
    summary: "Questionnaire answers and version",
    access: "user",
    tag: "assessments",
  },
  {
    method: "put",
    path: "/api/assessments/{id}/answers",
    summary: "Save answers (version required, 409 if stale; null clears)",
    access: "user",
    tag: "assessments",
    body: S.ZPutAnswers,
  },
  {
    method: "get",
    path: "/api/assessments/{id}/checklist-answers",
    summary: "Manual checklist items and answers",
    access: "user",
    tag: "assessments",
  },
  {
    method: "put",
    path: "/api/assessments/{id}/checklist-answers",
    summary: "Save manual answers (version required, 409 if stale)",
    access: "user",
    tag: "assessments",
    body: S.ZPutChecklistAnswers,
  },
  {
    method: "put",
    path: "/api/assessments/{id}/checklist",
    summary: "Score with another checklist",
    access: "user",
    tag: "assessments",
    body: S.ZChooseChecklist,
  },
  {
    method: "post",
    path: "/api/assessments/{id}/rescore",
    summary: "Re-score with the newest published version",
    access: "user",
    tag: "assessments",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/snapshots",
    summary: "List snapshots",
    access: "user",
    tag: "snapshots",
  },
  {
    method: "post",
    path: "/api/assessments/{id}/snapshots",
    summary:
      "Upload a snapshot: kubectl JSON, YAML, JSON Lines, .zip/.tar.gz/gzip; raw body (?filename=) or multipart. Answers 202 with the analysing job (GET /api/jobs/{id}); with ?wait=1, 201 when the analysis is done",
    access: "user",
    tag: "snapshots",
    rawBody: "application/octet-stream",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/report",
    summary:
      "The report (JSON): failing checks with their counts (affectedCount objects, affectedListed results), the first 25 affected results and objectsUrl (the findings API) for the rest; with ?format=json|md|csv|sarif a download: JSON, Markdown, CSV and SARIF listing every failing object",
    query: S.ZReportQuery,
    access: "user",
    tag: "reports",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/report/checks",
    summary:
      "One category card of the report: its checklist items, failing first, 20 a page, each failing check with its fix and first 5 affected objects; with &check=, a page of that check's failing objects (25 a page)",
    query: S.ZReportChecksQuery,
    access: "user",
    tag: "reports",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/share-links",
    summary: "List share links",
    access: "user",
    tag: "sharing",
  },
  {
    method: "post",
    path: "/api/assessments/{id}/share-links",
    summary: "Create a share link (the URL is returned once)",
    access: "user",
    tag: "sharing",
    body: S.ZCreateShareLink,
  },
  {
    method: "get",
    path: "/api/jobs/{id}",
    summary: "A job's status, stage and progress (uploads, re-analyses, score refreshes)",
    access: "user",
    tag: "snapshots",
  },
  {
    method: "get",
    path: "/api/assessments/{id}/snapshots/compare",
    summary:
      "Compare two snapshots (?from=&to=): score and category deltas, failing objects new / fixed / still open per check and namespace",
    access: "user",
    tag: "snapshots",
    query: S.ZCompareQuery,
  },
  {
    method: "get",
    path: "/api/assessments/{id}/findings",
    summary:
      "Failing objects of the latest snapshot, one row per object per check on the checklist: filter (severity, category, check, namespace, kind, q over names), sort, paginate (pageSize ≤ 200), counts per namespace",
    access: "user",
    tag: "snapshots",
    query: S.ZFindingsQuery,
  },
  {
    method: "patch",
    path: "/api/snapshots/{id}",
    summary: "Rename a snapshot or mark it as the assessment's baseline (audited)",
    access: "user",
    tag: "snapshots",
    body: S.ZUpdateSnapshot,
  },
  {
    method: "delete",
    path: "/api/snapshots/{id}",
    summary: "Delete a snapshot and re-score its assessment (audited)",
    access: "user",
    tag: "snapshots",
  },
  {
    method: "get",
    path: "/api/teams",
    summary: "Your teams with your role in each (administrators: every team)",
    access: "user",
    tag: "teams",
  },
  {
    method: "delete",
    path: "/api/share-links/{id}",
    summary: "Revoke a share link",
    access: "user",
    tag: "sharing",
  },
  {
    method: "get",
    path: "/api/shared/{token}",
    summary:
      "A shared report (counts and first affected objects, objectsUrl for the rest); 404 when unknown, revoked or expired. With ?format=json|md|csv|sarif, the same downloads as the signed-in report",
    query: S.ZReportQuery,
    access: "public",
    tag: "sharing",
  },
  {
    method: "get",
    path: "/api/shared/{token}/checks",
    summary:
      "A category card of a shared report, as /api/assessments/{id}/report/checks gives it; 404 when the link is unknown, revoked or expired",
    query: S.ZReportChecksQuery,
    access: "public",
    tag: "sharing",
  },
  { method: "get", path: "/api/admin/users", summary: "List users", access: "admin", tag: "admin" },
  {
    method: "post",
    path: "/api/admin/users",
    summary: "Create a user",
    access: "admin",
    tag: "admin",
    body: S.ZCreateUser,
  },
  {
    method: "patch",
    path: "/api/admin/users/{id}",
    summary: "Change role or deactivate",
    access: "admin",
    tag: "admin",
    body: S.ZUpdateUser,
  },
  {
    method: "delete",
    path: "/api/admin/users/{id}",
    summary: "Delete a user without work (409: deactivate instead)",
    access: "admin",
    tag: "admin",
  },
  {
    method: "delete",
    path: "/api/admin/users/{id}/sessions",
    summary: "Sign a user out of every session",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/users/{id}/password-reset",
    summary: "Issue a one-time password reset link (valid 24 hours)",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/teams",
    summary: "Create a team",
    access: "admin",
    tag: "teams",
    body: S.ZCreateTeam,
  },
  {
    method: "get",
    path: "/api/admin/teams/{id}",
    summary: "A team with its members",
    access: "admin",
    tag: "teams",
  },
  {
    method: "patch",
    path: "/api/admin/teams/{id}",
    summary: "Rename a team",
    access: "admin",
    tag: "teams",
    body: S.ZUpdateTeam,
  },
  {
    method: "delete",
    path: "/api/admin/teams/{id}",
    summary: "Delete a team (409 while it holds assessments, or for the default team)",
    access: "admin",
    tag: "teams",
  },
  {
    method: "put",
    path: "/api/admin/teams/{id}/members/{userId}",
    summary: "Add a member or set their role",
    access: "admin",
    tag: "teams",
    body: S.ZPutMember,
  },
  {
    method: "delete",
    path: "/api/admin/teams/{id}/members/{userId}",
    summary: "Remove a member",
    access: "admin",
    tag: "teams",
  },
  {
    method: "get",
    path: "/api/admin/checklists",
    summary: "List checklists and versions",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/checklists",
    summary: "Create a checklist (empty draft v1)",
    access: "admin",
    tag: "admin",
    body: S.ZCreateChecklist,
  },
  {
    method: "get",
    path: "/api/admin/checklists/{id}",
    summary: "A checklist and its versions",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/checklists/{id}/draft",
    summary: "The draft, copied from the latest published version if needed",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/checklists/import",
    summary: "Import a checklist file (YAML or JSON body) as a draft",
    access: "admin",
    tag: "admin",
    rawBody: "application/yaml",
  },
  {
    method: "get",
    path: "/api/admin/checklist-versions/{versionId}",
    summary: "A version with its items",
    access: "admin",
    tag: "admin",
  },
  {
    method: "post",
    path: "/api/admin/checklist-versions/{versionId}/items",
    summary: "Add an item to a draft",
    access: "admin",
    tag: "admin",
    body: ZChecklistItem,
  },
  {
    method: "patch",
    path: "/api/admin/checklist-versions/{versionId}/items/{itemId}",
    summary: "Edit an item of a draft",
    access: "admin",
    tag: "admin",
    body: S.ZItemPatch,
  },
  {
    method: "delete",
    path: "/api/admin/checklist-versions/{versionId}/items/{itemId}",
    summary: "Remove an item from a draft",
    access: "admin",
    tag: "admin",
  },
  {
    method: "put",
    path: "/api/admin/checklist-versions/{versionId}/order",
    summary: "Reorder a draft's items",
    access: "admin",
    tag: "admin",
    body: S.ZReorder,
  },
  {
    method: "post",
    path: "/api/admin/checklist-versions/{versionId}/publish",
    summary: "Publish a draft (immutable afterwards)",
    access: "admin",
    tag: "admin",
  },
  {
    method: "get",
    path: "/api/admin/checklist-versions/{versionId}/export",
    summary: "Export as YAML or JSON",
    access: "admin",
    tag: "admin",
    query: S.ZExportQuery,
  },
  {
    method: "get",
    path: "/api/admin/checklist-versions/diff",
    summary: "Differences between two versions",
    access: "admin",
    tag: "admin",
    query: S.ZDiffQuery,
  },
  { method: "get", path: "/api/admin/exemptions", summary: "List exemptions", access: "admin", tag: "admin" },
  {
    method: "post",
    path: "/api/admin/exemptions",
    summary: "Create an exemption",
    access: "admin",
    tag: "admin",
    body: S.ZCreateExemption,
  },
  {
    method: "delete",
    path: "/api/admin/exemptions/{id}",
    summary: "Revoke an exemption",
    access: "admin",
    tag: "admin",
  },
  {
    method: "get",
    path: "/api/admin/audit",
    summary: "Audit events, newest first",
    access: "admin",
    tag: "admin",
    query: S.ZAuditQuery,
  },
];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any" });

const problem = {
  description: "Error (application/problem+json with a stable `code`)",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const query = op.query
      ? Object.entries(op.query.shape).map(([name, s]) => ({
          name,
          in: "query",
          required: !(s as z.ZodType).safeParse(undefined).success,
          schema: schema(s as z.ZodType),
        }))
      : [];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      security: op.access === "public" ? [] : [{ session: [] }, { bearer: [] }],
      ...(op.access === "admin" ? { description: "Administrators only (403 for members)." } : {}),
      parameters: [...params, ...query],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: schema(op.body) } } } }
        : op.rawBody
          ? {
              requestBody: {
                required: true,
                content: { [op.rawBody]: { schema: { type: "string", format: "binary" } } },
              },
            }
          : {}),
      responses: { "2XX": { description: "Success" }, "4XX": problem, "5XX": problem },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Kubeready API", version: "1" },
    paths,
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "kr_session" },
        bearer: { type: "http", scheme: "bearer", description: "Personal API token (API tokens page)" },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "code", "detail"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string" },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
            requestId: { type: "string" },
          },
        },
      },
    },
  };
}
