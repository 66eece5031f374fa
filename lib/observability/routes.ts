// The route pattern a URL path was served by (`/assessments/[id]/report`), for metric labels and
// logs: raw paths would give every assessment its own series and put share-link tokens in the logs.
// Read from the build's routes manifest (.next/routes-manifest.json), which lists every page and
// route handler with the regex Next itself matches them by.
import { readFileSync } from "node:fs";
import path from "node:path";

interface ManifestRoute {
  page: string;
  regex: string;
}

interface Matcher {
  page: string;
  regex: RegExp;
}

/** Next's own assets and endpoints, by prefix. */
const PREFIXES: [string, string][] = [
  ["/_next/static/", "/_next/static"],
  ["/_next/image", "/_next/image"],
  ["/_next/", "/_next"],
];

/** Anything the build does not know (404s, probes for /wp-admin…): one label, not one per path. */
export const UNMATCHED_ROUTE = "(unmatched)";

export function routeMatcher(manifest: { staticRoutes?: ManifestRoute[]; dynamicRoutes?: ManifestRoute[] }) {
  const exact = new Map<string, string>();
  for (const r of manifest.staticRoutes ?? []) exact.set(r.page, r.page);
  const dynamic: Matcher[] = (manifest.dynamicRoutes ?? []).flatMap((r) => {
    try {
      return [{ page: r.page, regex: new RegExp(r.regex) }];
    } catch {
      return [];
    }
  });
  return (urlPath: string): string => {
    const q = urlPath.indexOf("?");
    let pathname = q === -1 ? urlPath : urlPath.slice(0, q);
    if (pathname.length > 1 && pathname.endsWith("/")) pathname = pathname.slice(0, -1);
    for (const [prefix, label] of PREFIXES) if (pathname.startsWith(prefix)) return label;
    const known = exact.get(pathname);
    if (known) return known;
    // Next lists dynamic routes most specific first, the order it matches them in.
    for (const m of dynamic) if (m.regex.test(pathname)) return m.page;
    // Static files from public/ (favicon.ico…) are not in the manifest.
    if (/^\/[\w.-]+\.(ico|png|svg|txt|xml|webmanifest)$/.test(pathname)) return "(public file)";
    return UNMATCHED_ROUTE;
  };
}

let cached: ((urlPath: string) => string) | undefined;

/** The matcher for the build this process serves (no build, e.g. `next dev`: everything unmatched). */
export function routeOf(urlPath: string): string {
  if (!cached) {
    try {
      const file = path.join(process.cwd(), ".next", "routes-manifest.json");
      cached = routeMatcher(JSON.parse(readFileSync(/* turbopackIgnore: true */ file, "utf8")) as never);
    } catch {
      cached = routeMatcher({});
    }
  }
  return cached(urlPath);
}
