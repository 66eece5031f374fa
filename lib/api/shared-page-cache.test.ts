// The shared page cache in front of a stand-in for Next (a handler that renders a page with a nonce, as
// the proxy and Next do): a page is rendered once per version and served again with a fresh nonce, the
// view counted; a new version, a dead link, a failing database, an error page, RSC requests, crawlers
// and query strings all go to the renderer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createNonce } from "./security-headers";
import { sharedPageCache, type SharedPageSource } from "./shared-page-cache";

const TOKEN = "tok_0123456789abcdefABCDEF";

let version: string | null = "v1";
let failing = false;
let renders = 0;
let status = 200;
const views: string[] = [];
let clock = 0;

const source: SharedPageSource = {
  version: (token) => {
    if (failing) return Promise.reject(new Error("database unavailable"));
    return Promise.resolve(token === TOKEN && version ? { linkId: "link-1", version } : null);
  },
  countView: (linkId) => void views.push(linkId),
};
const cache = sharedPageCache({ source: () => source, maxAgeMs: 60_000, now: () => clock });

/** Next's part: a page whose scripts carry this response's nonce, like the proxy's CSP says. */
function render(req: IncomingMessage, res: ServerResponse) {
  renders++;
  const nonce = createNonce();
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("link", `</app.css>; rel=preload; as="style"; nonce="${nonce}"`);
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
  res.statusCode = status;
  res.write(`<!DOCTYPE html><html><head><script nonce="${nonce}">1</script></head>`);
  // Streamed like Next's render, in pieces; the version and the render count show which page it is.
  setTimeout(() => {
    res.end(
      `<body>report ${version} render ${renders} ${req.headers["accept-encoding"] ?? "identity"}</body></html>`,
    );
  }, 5);
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => void cache.handle(req, res, () => render(req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  cache.clear();
  version = "v1";
  failing = false;
  renders = 0;
  status = 200;
  views.length = 0;
  clock = 0;
});

async function get(path = `/shared/${TOKEN}`, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers: { "accept-encoding": "identity", ...headers } });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  return { res, body, nonce };
}

describe("shared page cache", () => {
  it("renders a page once per version and serves it again with a fresh nonce in every place, counting the view", async () => {
    const first = await get();
    expect(first.body).toContain("report v1 render 1");
    expect(views).toEqual([]); // the page counts the view it renders
    const second = await get();
    const third = await get();
    expect(renders).toBe(1);
    expect(views).toEqual(["link-1", "link-1"]);
    expect(second.body).toContain("report v1 render 1");
    for (const page of [first, second, third]) {
      expect(page.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(page.body).toContain(`<script nonce="${page.nonce}">`);
      expect(page.res.headers.get("link")).toContain(`nonce="${page.nonce}"`);
    }
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    expect(second.res.headers.get("cache-control")).toContain("no-store");
    expect(second.res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.res.headers.get("vary")).toMatch(/accept-encoding/i);
  });

  it("renders again as soon as the version changes, and after the maximum age", async () => {
    await get();
    version = "v2";
    expect((await get()).body).toContain("report v2 render 2");
    expect((await get()).body).toContain("report v2 render 2");
    clock += 60_000;
    expect((await get()).body).toContain("report v2 render 3");
    expect(renders).toBe(3);
  });

  it("leaves a dead link, an unavailable database and an error page to the renderer", async () => {
    await get();
    version = null; // revoked: the page answers 404 itself, nothing served from memory
    await get();
    expect(renders).toBe(2);
    version = "v1";
    failing = true;
    await get();
    expect(renders).toBe(3);
    failing = false;
    cache.clear();
    status = 503;
    await get();
    await get();
    expect(renders).toBe(5);
    expect(views).toEqual([]);
  });

  it("answers RSC requests, prefetches, crawlers, query strings and other paths through the renderer", async () => {
    await get();
    await get(`/shared/${TOKEN}`, { rsc: "1" });
    await get(`/shared/${TOKEN}`, { "next-router-prefetch": "1" });
    await get(`/shared/${TOKEN}`, {
      "user-agent": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    });
    await get(`/shared/${TOKEN}?print=1`);
    await get(`/shared/${TOKEN}/x`);
    expect(renders).toBe(6);
  });

  it("compresses a page kept in memory for clients that accept gzip, and renders it uncompressed to keep it", async () => {
    const first = await get(`/shared/${TOKEN}`, { "accept-encoding": "gzip" });
    expect(first.body).toContain("render 1 identity");
    const res = await fetch(`${base}/shared/${TOKEN}`, { headers: { "accept-encoding": "gzip" } });
    // fetch decompresses what it is sent: the page arrives whole, with its own nonce.
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const body = await res.text();
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    expect(body).toContain(`<script nonce="${nonce}">`);
    expect(renders).toBe(1);
  });
});
