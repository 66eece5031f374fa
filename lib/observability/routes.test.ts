import { describe, expect, it } from "vitest";
import { routeMatcher, UNMATCHED_ROUTE } from "./routes";

// The shape of .next/routes-manifest.json (regexes as Next writes them).
const manifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/api/health", regex: "^/api/health(?:/)?$" },
    { page: "/assessments/new", regex: "^/assessments/new(?:/)?$" },
    { page: "/metrics", regex: "^/metrics(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/assessments/[id]/report", regex: "^/api/assessments/([^/]+?)/report(?:/)?$" },
    { page: "/assessments/[id]", regex: "^/assessments/([^/]+?)(?:/)?$" },
    { page: "/shared/[token]", regex: "^/shared/([^/]+?)(?:/)?$" },
  ],
};

describe("route patterns for metrics and logs", () => {
  const routeOf = routeMatcher(manifest);

  it("names a request by the route that served it, never by its ids or tokens", () => {
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/api/health")).toBe("/api/health");
    expect(routeOf("/api/assessments/0b8e6a51-1d2c-4e8f-9a7b-3c4d5e6f7a8b/report?format=md")).toBe(
      "/api/assessments/[id]/report",
    );
    expect(routeOf("/assessments/new")).toBe("/assessments/new");
    expect(routeOf("/assessments/abc/")).toBe("/assessments/[id]");
    expect(routeOf("/shared/s3cr3t-share-token?_rsc=1")).toBe("/shared/[token]");
  });

  it("folds Next's assets and unknown paths into a few labels", () => {
    expect(routeOf("/_next/static/chunks/app-123.js")).toBe("/_next/static");
    expect(routeOf("/_next/image?url=x")).toBe("/_next/image");
    expect(routeOf("/favicon.ico")).toBe("(public file)");
    expect(routeOf("/wp-admin/setup.php")).toBe(UNMATCHED_ROUTE);
    expect(routeOf("/assessments/a/b/c/d")).toBe(UNMATCHED_ROUTE);
  });

  it("without a build, every path is one unmatched label", () => {
    expect(routeMatcher({})("/assessments/1")).toBe(UNMATCHED_ROUTE);
  });
});
