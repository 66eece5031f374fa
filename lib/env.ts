// The one place that reads process.env. Everything else imports `env`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ZTrustProxy } from "@/lib/domain/trust-proxy";

function isPublicUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (
    (url.protocol === "http:" || url.protocol === "https:") &&
    !value.includes("?") &&
    !value.includes("#") &&
    !url.username &&
    !url.password
  );
}

/** Unset and "" both mean "not configured" (.env files write empty values). */
const optionalString = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

// Discovery, keys and tokens travel over this URL: plain http only to the machine itself.
function isOidcIssuer(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return url.protocol === "https:" || (url.protocol === "http:" && loopback);
}

const ZEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KUBEREADY_DATA_DIR: z.string().min(1).default("./.data"),
  ADMIN_EMAIL: z
    .email()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ADMIN_PASSWORD: z
    .string()
    .min(10, "must be at least 10 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(2048).default(128),
  // Objects in one snapshot, counted while it is loaded (a bigger upload is refused with 413).
  MAX_OBJECTS: z.coerce.number().int().min(1).max(5_000_000).default(250_000),
  /** "0" keeps queued jobs out of this app process (leave them to `npm run worker` processes). */
  RUN_JOBS: z
    .enum(["0", "1", "true", "false"])
    .default("1")
    .transform((v) => v === "1" || v === "true"),
  // A running job renews its lease at least this often; a lease this old means its worker is gone and
  // another takes the job up (tests shorten it to exercise restarts).
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  // Every link the app builds starts with this; behind a proxy the server's own address is wrong.
  PUBLIC_URL: optionalString(
    z
      .string()
      .refine(isPublicUrl, "must be an absolute http(s):// URL without query, fragment or credentials")
      .transform((u) => new URL(u).href.replace(/\/+$/, "")),
  ),
  // Sign-in with an OpenID Connect provider; enabled when issuer, client id and secret are all set.
  OIDC_ISSUER: optionalString(
    z.string().refine(isOidcIssuer, "must be an https:// URL (http:// only for localhost, e.g. in tests)"),
  ),
  OIDC_CLIENT_ID: optionalString(z.string()),
  OIDC_CLIENT_SECRET: optionalString(z.string()),
  OIDC_DISPLAY_NAME: optionalString(z.string().trim().max(60)).transform((v) => v || "single sign-on"),
  OIDC_SCOPES: optionalString(z.string()).transform((v) => v ?? "openid email profile"),
  // Role mapping: users whose claim (e.g. "groups") holds one of these values are admins, others members.
  OIDC_ROLE_CLAIM: optionalString(z.string().trim()),
  OIDC_ADMIN_VALUES: optionalString(z.string()).transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  // Structured JSON logs on stdout at this level and above (lib/observability/log.ts).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Bearer token for GET /metrics; unset turns /metrics off (404) so nothing leaks by default.
  METRICS_TOKEN: optionalString(z.string().min(16, "must be at least 16 characters")),
  // On SIGTERM/SIGINT: how long in-flight requests and running jobs get before the process hands its
  // jobs back and exits anyway (Kubernetes waits terminationGracePeriodSeconds, 30 s by default).
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
  // Which proxies may tell us the client address (X-Forwarded-For); see lib/api/client-address.ts.
  TRUST_PROXY: ZTrustProxy,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

// Settings that only make sense together, checked on the whole environment.
const ZCheckedEnv = ZEnv.superRefine((e, ctx) => {
  const oidc = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (oidc !== 0 && oidc !== 3) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together",
    });
  }
  // A claim without admin values would demote every administrator on their next sign-in.
  if (!!e.OIDC_ROLE_CLAIM !== e.OIDC_ADMIN_VALUES.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ROLE_CLAIM"],
      message: "set OIDC_ROLE_CLAIM and OIDC_ADMIN_VALUES together",
    });
  }
});

export type Env = z.infer<typeof ZEnv>;

/**
 * DATABASE_URL read from the file DATABASE_URL_FILE names (a mounted Secret, so the connection string and
 * its password stay out of the process environment), when DATABASE_URL itself is unset.
 */
export function withFileSecrets(
  source: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const file = source.DATABASE_URL_FILE;
  if (!file || source.DATABASE_URL) return source;
  let value: string;
  try {
    value = readFileSync(file, "utf8").trim();
  } catch (e) {
    throw new Error(
      `Invalid configuration:\n  DATABASE_URL_FILE: cannot read ${file} (${(e as Error).message})`,
    );
  }
  return { ...source, DATABASE_URL: value };
}

function parseEnv(): Env {
  const parsed = ZCheckedEnv.safeParse(withFileSecrets(process.env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const dataDir = path.resolve(env.KUBEREADY_DATA_DIR);
