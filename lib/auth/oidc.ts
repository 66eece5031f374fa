// Sign-in with an OpenID Connect provider: authorization code flow with PKCE, state and nonce, done
// by openid-client (v6). Only the start and the end of the flow live here; the account behind the
// identity is lib/server/identities' business, and our own session cookie is made as for passwords.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import { z } from "zod";
import { env } from "@/lib/env";
import type { OidcIdentity } from "@/lib/server/identities";
import type { SignInErrorCode } from "@/lib/domain/sign-in-errors";

export const CALLBACK_PATH = "/api/auth/oidc/callback";
export const FLOW_COOKIE = "kr_oidc";
/** Long enough to type a password and answer an MFA prompt; an abandoned attempt dies soon after. */
const FLOW_TTL_S = 10 * 60;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  scopes: string;
  roleMapping: { claim: string; adminValues: string[] } | null;
}

/** The configured provider, or null when single sign-on is off. */
export function oidcSettings(): OidcSettings | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    displayName: env.OIDC_DISPLAY_NAME,
    scopes: env.OIDC_SCOPES,
    roleMapping: env.OIDC_ROLE_CLAIM
      ? { claim: env.OIDC_ROLE_CLAIM, adminValues: env.OIDC_ADMIN_VALUES }
      : null,
  };
}

export class OidcSignInError extends Error {
  constructor(
    readonly code: SignInErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// ---------------------------------------------------------------------------------------------
// Discovery

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** lib/env.ts already refuses other http issuers; this keeps the exception out of any other path. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === "http:" && LOOPBACK.has(issuer.hostname);
}

async function discover(s: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(s.issuer);
  const insecure = insecureAllowed(issuer);
  const options: client.DiscoveryRequestOptions = {
    timeout: 10,
    execute: insecure ? [client.allowInsecureRequests] : [],
  };
  const found = await client.discovery(
    issuer,
    s.clientId,
    undefined,
    client.ClientSecretBasic(s.clientSecret),
    options,
  );
  // client_secret_basic is the spec's default; use post only for providers that support post alone.
  const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
  if (!methods || methods.includes("client_secret_basic") || !methods.includes("client_secret_post")) {
    return found;
  }
  const config = new client.Configuration(
    found.serverMetadata(),
    s.clientId,
    undefined,
    client.ClientSecretPost(s.clientSecret),
  );
  if (insecure) client.allowInsecureRequests(config);
  config.timeout = 10;
  return config;
}

const g = globalThis as typeof globalThis & { __kubereadyOidc?: Map<string, Promise<client.Configuration>> };

/**
 * The provider's metadata, discovered on first use and kept for the life of the process (openid-client
 * refetches the key set itself when keys rotate). Not at start-up: an unreachable provider must not
 * keep the app, and password sign-in, from starting. A failure is not kept: the next attempt retries.
 */
async function configuration(s: OidcSettings): Promise<client.Configuration> {
  const cache = (g.__kubereadyOidc ??= new Map<string, Promise<client.Configuration>>());
  const key = `${s.issuer} ${s.clientId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = discover(s);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  try {
    return await pending;
  } catch (cause) {
    throw new OidcSignInError("oidc-unavailable", `Discovery at ${s.issuer} failed`, { cause });
  }
}

// ---------------------------------------------------------------------------------------------
// The flow cookie: state, nonce and PKCE verifier between the redirect out and the callback

const ZFlow = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  verifier: z.string().min(43),
  exp: z.number(),
});
type Flow = z.infer<typeof ZFlow>;

/** HMAC so a cookie planted by someone else (a sibling subdomain, say) cannot steer the exchange. */
const mac = (s: OidcSettings, payload: string) =>
  createHmac("sha256", `kubeready oidc flow\0${s.clientSecret}`).update(payload).digest("base64url");

function sealFlow(s: OidcSettings, flow: Flow): string {
  const payload = Buffer.from(JSON.stringify(flow)).toString("base64url");
  return `${payload}.${mac(s, payload)}`;
}

function openFlow(s: OidcSettings, value: string | undefined, now = Date.now()): Flow | null {
  const [payload, signature, extra] = (value ?? "").split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(s, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const flow = ZFlow.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return flow.exp * 1000 > now ? flow : null;
  } catch {
    return null;
  }
}

export interface FlowCookie {
  name: string;
  value: string;
  httpOnly: true;
  /** Lax, not Strict: the callback is a top-level navigation coming from the provider's site. */
  sameSite: "lax";
  secure: boolean;
  path: string;
  maxAge: number;
}

const flowCookie = (value: string, callbackUrl: string, maxAge = FLOW_TTL_S): FlowCookie => ({
  name: FLOW_COOKIE,
  value,
  httpOnly: true,
  sameSite: "lax",
  secure: new URL(callbackUrl).protocol === "https:",
  path: "/api/auth/oidc",
  maxAge,
});

/** Removes the flow cookie: each attempt is good for one callback. */
export const clearedFlowCookie = (callbackUrl: string): FlowCookie => flowCookie("", callbackUrl, 0);

// ---------------------------------------------------------------------------------------------
// The two ends of the flow

/** Where to send the browser, and the cookie that lets the callback check what comes back. */
export async function beginSignIn(
  s: OidcSettings,
  callbackUrl: string,
): Promise<{ redirectTo: URL; cookie: FlowCookie }> {
  const config = await configuration(s);
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    verifier: client.randomPKCECodeVerifier(),
    exp: Math.floor(Date.now() / 1000) + FLOW_TTL_S,
  };
  const redirectTo = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl,
    scope: s.scopes,
    state: flow.state,
    nonce: flow.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: "S256",
  });
  return { redirectTo, cookie: flowCookie(sealFlow(s, flow), callbackUrl) };
}

/**
 * Checks the provider's answer (state, then the code exchanged with the PKCE verifier, then the ID
 * token's signature, issuer, audience and nonce, all by openid-client) and returns who signed in.
 * `callbackUrl` is our public callback URL (the request's own URL is wrong behind a proxy).
 */
export async function completeSignIn(
  s: OidcSettings,
  callbackUrl: string,
  params: URLSearchParams,
  flowCookieValue: string | undefined,
): Promise<OidcIdentity> {
  if (params.get("error") === "access_denied") {
    throw new OidcSignInError("oidc-cancelled", "The person declined at the provider");
  }
  const flow = openFlow(s, flowCookieValue);
  if (!flow) throw new OidcSignInError("oidc-failed", "No valid flow cookie (expired, reused or forged)");
  const config = await configuration(s);
  const currentUrl = new URL(callbackUrl);
  for (const [k, v] of params) currentUrl.searchParams.append(k, v);
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error("no ID token");
    // Many providers put email, name and groups only in the UserInfo response, not the ID token.
    const userInfo = config.serverMetadata().userinfo_endpoint
      ? await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)
      : {};
    return identityFromClaims({ ...userInfo, ...idClaims }, s);
  } catch (cause) {
    if (cause instanceof OidcSignInError) throw cause;
    throw new OidcSignInError("oidc-failed", `Code exchange or token validation failed`, { cause });
  }
}

// ---------------------------------------------------------------------------------------------
// Claims → identity

const ZClaims = z.looseObject({
  iss: z.string().min(1),
  sub: z.string().min(1),
  email: z.string().optional().catch(undefined),
  // AWS Cognito, among others, sends the string "true".
  email_verified: z
    .union([z.boolean(), z.enum(["true", "false"])])
    .optional()
    .catch(undefined),
  name: z.string().optional().catch(undefined),
  given_name: z.string().optional().catch(undefined),
  family_name: z.string().optional().catch(undefined),
  preferred_username: z.string().optional().catch(undefined),
});

/** A claim by dotted path ("groups", or Keycloak's "realm_access.roles"), as a list of strings. */
function claimValues(claims: Record<string, unknown>, path: string): string[] {
  let value: unknown = claims;
  for (const part of path.split(".")) {
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

const firstNonEmpty = (...values: (string | undefined)[]) => values.map((v) => v?.trim()).find(Boolean);

export function identityFromClaims(
  raw: Record<string, unknown>,
  s: Pick<OidcSettings, "roleMapping">,
): OidcIdentity {
  const c = ZClaims.parse(raw);
  const email = c.email && z.email().safeParse(c.email.trim()).success ? c.email.trim().toLowerCase() : null;
  const given = [c.given_name, c.family_name]
    .map((v) => v?.trim())
    .filter(Boolean)
    .join(" ");
  const name = firstNonEmpty(c.name, given, c.preferred_username, email?.split("@")[0], c.sub) ?? c.sub;
  const mapping = s.roleMapping;
  const admin = mapping && claimValues(raw, mapping.claim).some((v) => mapping.adminValues.includes(v));
  const role = mapping ? (admin ? "admin" : "member") : null;
  return {
    subject: `${c.iss} ${c.sub}`,
    email,
    emailVerified: c.email_verified === true || c.email_verified === "true",
    name: name.slice(0, 100),
    role,
  };
}
