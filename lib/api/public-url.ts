// Absolute links the app hands out (share links, password-reset links, OIDC redirect URIs). Behind a
// proxy the server's own address (`req.url`: http://localhost:PORT) is wrong, so PUBLIC_URL wins; the
// request's Host is only a fallback for installs that did not set it.
import { env } from "@/lib/env";

// A hostname (or bracketed IPv6 literal) with an optional port: anything else in Host or
// X-Forwarded-Host (paths, userinfo, spaces) must not end up in a link.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const validHost = (h: string | null): h is string => !!h && HOST.test(h) && URL.canParse(`http://${h}`);

const firstValue = (header: string | null) => header?.split(",")[0]?.trim() || null;

/**
 * The origin the client used to reach us: X-Forwarded-Host (behind a trusted proxy), else Host, else
 * the server's own address;
 * https when the URL or the proxy's X-Forwarded-Proto says so (as the session cookie's Secure flag).
 */
export function requestOrigin(req: Request, trustForwarded = env.TRUST_PROXY.kind !== "none"): string {
  const own = new URL(req.url);
  const https = own.protocol === "https:" || firstValue(req.headers.get("x-forwarded-proto")) === "https";
  // X-Forwarded-Host only counts when the operator said a proxy sits in front (TRUST_PROXY).
  const forwarded = trustForwarded ? firstValue(req.headers.get("x-forwarded-host")) : null;
  const host = [forwarded, req.headers.get("host")].find(validHost) ?? own.host;
  return new URL(`${https ? "https" : own.protocol.replace(/:$/, "")}://${host}`).origin;
}

/** Where links start: PUBLIC_URL (normalised by lib/env.ts: no trailing slash) or the request's origin. */
export function publicBaseUrl(req: Request, configured: string | undefined = env.PUBLIC_URL): string {
  return configured ?? requestOrigin(req);
}

/**
 * The absolute URL of `path` (an app path such as `/shared/abc`, may carry a query) for someone
 * outside this request: use it for every link the app builds.
 */
export function publicUrl(
  req: Request,
  path: string,
  configured: string | undefined = env.PUBLIC_URL,
): string {
  if (!path.startsWith("/") || path.startsWith("//")) {
    throw new Error(`publicUrl expects an app path starting with one "/", got ${JSON.stringify(path)}`);
  }
  return `${publicBaseUrl(req, configured)}${path}`;
}
