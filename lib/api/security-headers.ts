// Response headers for pages (and share endpoints), set per request by proxy.ts. Pure, so the policy
// is unit-tested; the proxy only supplies the nonce, the path and the configuration.

/** Request header that carries the per-request nonce to server components that need it. */
export const NONCE_HEADER = "x-nonce";

export interface SecurityHeaderOptions {
  /** Fresh for every response (see createNonce); Next.js reads it back from the request's CSP. */
  nonce: string;
  pathname: string;
  /** PUBLIC_URL is https: the only case where HSTS and upgrading requests cannot lock anyone out. */
  https: boolean;
  /** `next dev` needs eval (React's debugging stacks) and injects unnonced styles for hot reload. */
  dev: boolean;
}

/** 128 random bits, base64: unguessable per response, as CSP nonces must be. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load Next's chunks), so
 * injected markup cannot execute. Styles: <style> elements need the nonce too, but `style="…"`
 * attributes (React renders progress-bar widths that way) cannot carry one, hence style-src-attr.
 */
export function contentSecurityPolicy({
  nonce,
  https,
  dev,
}: Omit<SecurityHeaderOptions, "pathname">): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // A nonce disables 'unsafe-inline', which dev-mode style injection needs.
    ["style-src", "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

// Powerful features the app never uses: a compromised page must not be able to ask for them either.
const PERMISSIONS_POLICY = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
]
  .map((feature) => `${feature}=()`)
  .join(", ");

/** Share pages and their API hold a report reachable by anyone with the link: keep them out of search. */
const isShared = (pathname: string) => /^\/(?:api\/)?shared(?:\/|$)/.test(pathname);

export function securityHeaders(
  options: SecurityHeaderOptions,
): Record<string, string> & { "Content-Security-Policy": string } {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "Permissions-Policy": PERMISSIONS_POLICY,
    // Share tokens live in URLs: never send them on to another site.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
    ...(isShared(options.pathname) ? { "X-Robots-Tag": "noindex, nofollow" } : {}),
  };
}
