import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "./security-headers";

const base = { nonce: "bm9uY2U=", pathname: "/assessments", https: false, dev: false };

/** The sources of one CSP directive, or undefined when the policy lacks it. */
function directive(csp: string, name: string): string[] | undefined {
  const found = csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  return found?.slice(1);
}

describe("contentSecurityPolicy", () => {
  it("lets scripts run only with this response's nonce", () => {
    const scripts = directive(contentSecurityPolicy(base), "script-src");
    expect(scripts).toContain("'nonce-bm9uY2U='");
    expect(scripts).toContain("'strict-dynamic'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
  });

  it("never allows inline scripts, not even in development", () => {
    const csp = contentSecurityPolicy({ ...base, dev: true });
    expect(directive(csp, "script-src")).not.toContain("'unsafe-inline'");
    expect(directive(csp, "script-src")).toContain("'unsafe-eval'");
    expect(directive(csp, "default-src")).toEqual(["'self'"]);
  });

  it("nonces style elements in production, allowing only style attributes inline", () => {
    const csp = contentSecurityPolicy(base);
    expect(directive(csp, "style-src")).toEqual(["'self'", "'nonce-bm9uY2U='"]);
    expect(directive(csp, "style-src-attr")).toEqual(["'unsafe-inline'"]);
  });

  it("forbids framing, plugins, base-URL changes and posting forms elsewhere", () => {
    const csp = contentSecurityPolicy(base);
    expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(csp, "object-src")).toEqual(["'none'"]);
    expect(directive(csp, "base-uri")).toEqual(["'none'"]);
    expect(directive(csp, "form-action")).toEqual(["'self'"]);
  });

  it("upgrades insecure requests only when the public URL is https", () => {
    expect(directive(contentSecurityPolicy(base), "upgrade-insecure-requests")).toBeUndefined();
    expect(directive(contentSecurityPolicy({ ...base, https: true }), "upgrade-insecure-requests")).toEqual(
      [],
    );
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only when the public URL is https", () => {
    expect(securityHeaders(base)).not.toHaveProperty("Strict-Transport-Security");
    expect(securityHeaders({ ...base, https: true })["Strict-Transport-Security"]).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it("denies camera, microphone and geolocation", () => {
    const policy = securityHeaders(base)["Permissions-Policy"];
    for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
      expect(policy).toContain(`${feature}=()`);
    }
  });

  it("sets the static protections on every page", () => {
    expect(securityHeaders(base)).toMatchObject({
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
    });
  });

  it.each(["/shared/abc", "/shared", "/api/shared/abc"])("keeps %s out of search engines", (pathname) => {
    expect(securityHeaders({ ...base, pathname })["X-Robots-Tag"]).toBe("noindex, nofollow");
  });

  it.each(["/", "/assessments/shared", "/sharedx", "/api/assessments/a/share-links", "/login"])(
    "leaves X-Robots-Tag off %s",
    (pathname) => {
      expect(securityHeaders({ ...base, pathname })).not.toHaveProperty("X-Robots-Tag");
    },
  );
});

describe("createNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
