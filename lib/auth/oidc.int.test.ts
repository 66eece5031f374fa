// lib/auth/oidc against a real OpenID Connect provider (oidc-provider, started in this process), with
// a small cookie-keeping fetch standing in for the browser at the provider's login form.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, TEST_CLIENT, type RunningProvider } from "@/e2e/oidc-provider.mts";
import {
  beginSignIn,
  completeSignIn,
  identityFromClaims,
  OidcSignInError,
  type FlowCookie,
  type OidcSettings,
} from "./oidc";

const CALLBACK = "http://app.test/api/auth/oidc/callback";

/** Follows the provider's redirects and fills its login form until it redirects to our callback. */
async function signInAtProvider(start: URL, login: string): Promise<URLSearchParams> {
  const jar = new Map<string, string>();
  let url = start.href;
  let init: RequestInit = {};
  for (let step = 0; step < 12; step++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next.searchParams;
      url = next.href;
      init = {};
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action)
      throw new Error(`unexpected ${res.status} at ${url}: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll("&#x2F;", "/").replaceAll("&amp;", "&"), url).href;
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "anything" }).toString(),
    };
  }
  throw new Error("the provider never redirected back");
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OidcSignInError);
  return (err as OidcSignInError).code;
}

describe("OIDC sign-in against oidc-provider", () => {
  let provider: RunningProvider;
  let settings: OidcSettings;

  beforeAll(async () => {
    provider = await startOidcProvider({ port: 0, redirectUris: [CALLBACK] });
    settings = {
      issuer: provider.issuer,
      clientId: TEST_CLIENT.id,
      clientSecret: TEST_CLIENT.secret,
      displayName: "Test IdP",
      scopes: "openid email profile groups",
      roleMapping: { claim: "groups", adminValues: ["kubeready-admins"] },
    };
  });
  afterAll(async () => {
    await provider.close();
  });

  async function fullFlow(login: string) {
    const { redirectTo, cookie } = await beginSignIn(settings, CALLBACK);
    const params = await signInAtProvider(redirectTo, login);
    return { redirectTo, cookie, params };
  }

  it("asks for the code flow with PKCE, state and nonce, in a short-lived HttpOnly Lax cookie", async () => {
    const { redirectTo, cookie } = await beginSignIn(settings, CALLBACK);
    const q = redirectTo.searchParams;
    expect(redirectTo.origin).toBe(provider.issuer);
    expect(q.get("response_type")).toBe("code");
    expect(q.get("redirect_uri")).toBe(CALLBACK);
    expect(q.get("code_challenge_method")).toBe("S256");
    for (const p of ["state", "nonce", "code_challenge"]) expect(q.get(p)?.length).toBeGreaterThanOrEqual(22);
    expect(cookie).toMatchObject<Partial<FlowCookie>>({ httpOnly: true, sameSite: "lax", secure: false });
    expect(cookie.maxAge).toBeLessThanOrEqual(600);
    expect(cookie.value).not.toContain(q.get("state")!);
  });

  it("returns the identity, with claims from UserInfo and the role from the groups claim", async () => {
    const { cookie, params } = await fullFlow("oidc-admin");
    const identity = await completeSignIn(settings, CALLBACK, params, cookie.value);
    expect(identity).toEqual({
      subject: `${provider.issuer} oidc-admin`,
      email: "oidc-admin@example.com",
      emailVerified: true,
      name: "Omar Oidc",
      role: "admin",
    });
    const member = await fullFlow("oidc-user");
    expect((await completeSignIn(settings, CALLBACK, member.params, member.cookie.value)).role).toBe(
      "member",
    );
  });

  it("rejects a missing, forged or mismatched flow cookie, a wrong state and a reused code", async () => {
    const { cookie, params } = await fullFlow("oidc-user");
    const [payload, mac] = cookie.value.split(".");
    expect(await failure(completeSignIn(settings, CALLBACK, params, undefined))).toBe("oidc-failed");
    expect(await failure(completeSignIn(settings, CALLBACK, params, `${payload}.${mac}x`))).toBe(
      "oidc-failed",
    );
    const other = await beginSignIn(settings, CALLBACK);
    expect(await failure(completeSignIn(settings, CALLBACK, params, other.cookie.value))).toBe("oidc-failed");
    const wrongState = new URLSearchParams(params);
    wrongState.set("state", "not-the-state");
    expect(await failure(completeSignIn(settings, CALLBACK, wrongState, cookie.value))).toBe("oidc-failed");

    await completeSignIn(settings, CALLBACK, params, cookie.value);
    expect(await failure(completeSignIn(settings, CALLBACK, params, cookie.value))).toBe("oidc-failed");
  });

  it("says the person cancelled when the provider answers access_denied", async () => {
    const params = new URLSearchParams({ error: "access_denied", state: "x" });
    expect(await failure(completeSignIn(settings, CALLBACK, params, undefined))).toBe("oidc-cancelled");
  });

  it("reports an unreachable provider, and tries discovery again on the next attempt", async () => {
    const later = await startOidcProvider({ port: 0, redirectUris: [CALLBACK] });
    const port = new URL(later.issuer).port;
    await later.close();
    const down = { ...settings, issuer: later.issuer };
    expect(await failure(beginSignIn(down, CALLBACK))).toBe("oidc-unavailable");

    const back = await startOidcProvider({ port: Number(port), redirectUris: [CALLBACK] });
    try {
      const { redirectTo } = await beginSignIn(down, CALLBACK);
      expect(redirectTo.origin).toBe(back.issuer);
    } finally {
      await back.close();
    }
  });
});

describe("identityFromClaims", () => {
  const base = { iss: "https://idp.example.com", sub: "42" };
  const noRoles = { roleMapping: null };

  it("keys the identity by issuer and subject and lower-cases the email", () => {
    expect(
      identityFromClaims({ ...base, email: " Pat@Example.COM ", email_verified: true }, noRoles),
    ).toEqual({
      subject: "https://idp.example.com 42",
      email: "pat@example.com",
      emailVerified: true,
      name: "pat",
      role: null,
    });
  });

  it("counts email_verified only when it is true (or the string some providers send)", () => {
    const verified = (v: unknown) =>
      identityFromClaims({ ...base, email_verified: v }, noRoles).emailVerified;
    expect([true, "true", false, "false", undefined, 1, "yes"].map(verified)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("drops an email that is not one, and names the person from the best claim available", () => {
    const id = (claims: object) => identityFromClaims({ ...base, ...claims }, noRoles);
    expect(id({ email: "not an email" }).email).toBeNull();
    expect(id({ name: "Pat Doe", given_name: "P" }).name).toBe("Pat Doe");
    expect(id({ given_name: "Pat", family_name: "Doe" }).name).toBe("Pat Doe");
    expect(id({ preferred_username: "pdoe" }).name).toBe("pdoe");
    expect(id({}).name).toBe("42");
  });

  it("maps a list, a single string or a nested claim to admin, anything else to member", () => {
    const role = (claim: string, claims: object) =>
      identityFromClaims({ ...base, ...claims }, { roleMapping: { claim, adminValues: ["ops", "admins"] } })
        .role;
    expect(role("groups", { groups: ["dev", "admins"] })).toBe("admin");
    expect(role("groups", { groups: "ops" })).toBe("admin");
    expect(role("realm_access.roles", { realm_access: { roles: ["ops"] } })).toBe("admin");
    expect(role("groups", { groups: ["dev"] })).toBe("member");
    expect(role("groups", { groups: "admins-not" })).toBe("member");
    expect(role("groups", {})).toBe("member");
  });
});
