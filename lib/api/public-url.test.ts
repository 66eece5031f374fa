import { describe, expect, it } from "vitest";
import { publicBaseUrl, publicUrl, requestOrigin } from "./public-url";

// What `next start` hands a route: its own address, whatever the browser typed.
const SERVER = "http://localhost:3000/api/assessments/a1/share-links";

const request = (headers: Record<string, string> = {}, url = SERVER) => new Request(url, { headers });

describe("publicUrl", () => {
  it("uses PUBLIC_URL whatever the request says", () => {
    const req = request({ host: "evil.example", "x-forwarded-host": "evil.example" });
    expect(publicUrl(req, "/shared/tok", "https://kr.example.com")).toBe("https://kr.example.com/shared/tok");
  });

  it("keeps a path prefix of PUBLIC_URL", () => {
    expect(publicUrl(request(), "/shared/tok", "https://example.com/kubeready")).toBe(
      "https://example.com/kubeready/shared/tok",
    );
  });

  it("keeps a query in the path", () => {
    expect(publicUrl(request(), "/api/auth/oidc/callback?x=1", "https://kr.example.com")).toBe(
      "https://kr.example.com/api/auth/oidc/callback?x=1",
    );
  });

  it("falls back to the Host the browser used, not the server's own address", () => {
    expect(publicUrl(request({ host: "kr.internal:8080" }), "/shared/tok", undefined)).toBe(
      "http://kr.internal:8080/shared/tok",
    );
  });

  it("refuses paths that would change the host", () => {
    expect(() => publicUrl(request(), "//evil.example/x", "https://kr.example.com")).toThrow(/app path/);
    expect(() => publicUrl(request(), "shared/tok", "https://kr.example.com")).toThrow(/app path/);
  });
});

describe("requestOrigin", () => {
  it("prefers X-Forwarded-Host (first value) and honours X-Forwarded-Proto https", () => {
    const req = request({
      host: "localhost:3000",
      "x-forwarded-host": "kr.example.com, proxy.internal",
      "x-forwarded-proto": "https, http",
    });
    expect(requestOrigin(req, true)).toBe("https://kr.example.com");
    // Without a trusted proxy the client could name any host: only Host counts.
    expect(requestOrigin(req, false)).not.toBe("https://kr.example.com");
  });

  it("drops the default port", () => {
    expect(requestOrigin(request({ host: "kr.example.com:443", "x-forwarded-proto": "https" }))).toBe(
      "https://kr.example.com",
    );
  });

  it("accepts IPv6 literals", () => {
    expect(requestOrigin(request({ host: "[::1]:3000" }))).toBe("http://[::1]:3000");
  });

  it.each(["evil.example/path", "user@evil.example", "a b", "evil.example:99999x", "evil.example:99999", ""])(
    "ignores a malformed host header %j",
    (host) => {
      expect(requestOrigin(request({ host }))).toBe("http://localhost:3000");
    },
  );

  it("falls back to Host when X-Forwarded-Host is malformed", () => {
    expect(requestOrigin(request({ host: "kr.internal", "x-forwarded-host": "x/y" }), true)).toBe(
      "http://kr.internal",
    );
  });

  it("ignores an X-Forwarded-Proto other than https", () => {
    expect(requestOrigin(request({ host: "kr.internal", "x-forwarded-proto": "gopher" }))).toBe(
      "http://kr.internal",
    );
  });
});

describe("publicBaseUrl", () => {
  it("is PUBLIC_URL when set, the request origin otherwise", () => {
    expect(publicBaseUrl(request({ host: "a.example" }), "https://b.example")).toBe("https://b.example");
    expect(publicBaseUrl(request({ host: "a.example" }), undefined)).toBe("http://a.example");
  });
});
