// Next.js proxy (formerly middleware; Node.js runtime): a fresh CSP nonce and the security headers for
// every page and share endpoint. Next.js reads the nonce from the request's CSP header and puts it on
// its own scripts, which is why every page renders dynamically (app/layout.tsx).
import { NextResponse, type NextRequest } from "next/server";
import { createNonce, NONCE_HEADER, securityHeaders } from "@/lib/api/security-headers";
import { env } from "@/lib/env";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    https: env.PUBLIC_URL?.startsWith("https:") ?? false,
    dev: env.NODE_ENV === "development",
  });
  const csp = headers["Content-Security-Policy"];
  const forwarded = new Headers(request.headers);
  forwarded.set(NONCE_HEADER, nonce);
  forwarded.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Not the rest of /api: the proxy buffers request bodies (10 MB by default, silently truncating
    // past it) and snapshot uploads are larger. API responses are JSON, which CSP does not protect.
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      // Prefetches of RSC payloads render no document, so they need no nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    "/api/shared/:path*",
  ],
};
