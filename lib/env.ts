// The one place that reads process.env. Everything else imports `env`.
import path from "node:path";
import { z } from "zod";
import { ZTrustProxy } from "@/lib/api/client-address";

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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  // Every link the app builds starts with this; behind a proxy the server's own address is wrong.
  PUBLIC_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine(isPublicUrl, "must be an absolute http(s):// URL without query, fragment or credentials")
      .transform((u) => new URL(u).href.replace(/\/+$/, ""))
      .optional(),
  ),
  // Which proxies may tell us the client address (X-Forwarded-For); see lib/api/client-address.ts.
  TRUST_PROXY: ZTrustProxy,
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof ZEnv>;

function parseEnv(): Env {
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const dataDir = path.resolve(env.KUBEREADY_DATA_DIR);
