// The shared report page (`GET /shared/{token}`) as the HTTP server keeps it: rendered by Next once per
// version of the page (the link and the stamp of everything its report is built from) and served again
// from memory while that version holds, with a fresh CSP nonce per response. Rendering the page costs
// most of a request (Next's routing, the React server render of a 100 KB page, its RSC payload); a link
// handed to a team is read far more often than its report changes.
//
// Every request still asks the database, in one query, whether the link is live and which version of the
// report it shows (SharedPageSource.version), so a revoked or expired link answers 404 and any change to
// the report shows on the very next request, on every instance. Only a plain document request is served
// from memory; RSC navigations, prefetches, crawlers, query strings and every other path go to Next
// untouched.
// scripts/start.ts puts this in front of Next's handler; the data layer registers the source from
// instrumentation.ts (this module must not load it: the server script is outside Next's bundle).
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzip } from "node:zlib";
import { isBot } from "next/dist/shared/lib/router/utils/is-bot.js";
import { createNonce } from "./security-headers";

/** What the data layer answers for a share token (instrumentation.ts registers it). */
export interface SharedPageSource {
  /** The link's id and the version of the page it shows; null when the link is unknown, revoked or expired. */
  version(token: string): Promise<{ linkId: string; version: string } | null>;
  /** Counts one view of the link (fire and forget). */
  countView(linkId: string): void;
}

const g = globalThis as typeof globalThis & { __kubereadySharedPages?: SharedPageSource };

export function registerSharedPageSource(source: SharedPageSource): void {
  g.__kubereadySharedPages = source;
}

const registeredSource = (): SharedPageSource | undefined => g.__kubereadySharedPages;

/** A rendered page: the body (UTF-8) and header values cut where the nonce of its render stood. */
interface Entry {
  version: string;
  at: number;
  body: Buffer[];
  headers: [string, string[][]][];
}

export interface SharedPageCacheOptions {
  source?: () => SharedPageSource | undefined;
  /** Pages kept (one per link; each about the page's size, ~100 KB for a 20,000-object report). */
  max?: number;
  /**
   * A page is rendered again after this long even when its version holds: it says when it was
   * generated and how old the snapshot is, which must not freeze.
   */
  maxAgeMs?: number;
  now?: () => number;
}

// Only the document itself: Next answers these headers with an RSC payload or a prefetch, not HTML.
const RSC_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
];
const PATH = /^\/shared\/([A-Za-z0-9_-]{16,128})$/;
// Headers that belong to one response (the server sets them again) or to the connection.
const NOT_REPLAYED = new Set([
  "x-request-id",
  "date",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);
/** Pages larger than this are not kept (a report is about 100 KB; this bounds the cache's memory). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** The token of a request the cache may answer, or null for anything to hand to Next as it is. */
export function cacheableSharedPage(req: IncomingMessage): string | null {
  if (req.method !== "GET") return null;
  const match = PATH.exec(req.url ?? "");
  if (!match) return null;
  if (RSC_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  // Next renders for crawlers and link unfurlers differently (metadata in the head, nothing streamed):
  // they are few, so they get Next's page, and browsers never get theirs.
  if (isBot(req.headers["user-agent"] ?? "")) return null;
  return match[1]!;
}

function split(bytes: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(separator); at !== -1; at = bytes.indexOf(separator, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

export function sharedPageCache(options: SharedPageCacheOptions = {}) {
  const source = options.source ?? registeredSource;
  const max = options.max ?? 32;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  /** By link id, least recently used first. */
  const entries = new Map<string, Entry>();

  function keep(linkId: string, entry: Entry) {
    entries.delete(linkId);
    entries.set(linkId, entry);
    while (entries.size > max) entries.delete(entries.keys().next().value!);
  }

  function send(req: IncomingMessage, res: ServerResponse, entry: Entry) {
    const nonce = createNonce();
    for (const [name, values] of entry.headers)
      res.setHeader(
        name,
        values.length === 1 ? values[0]!.join(nonce) : values.map((parts) => parts.join(nonce)),
      );
    res.statusCode = 200;
    // Says where the page came from (for operators, and the e2e journey that loads one in a browser).
    res.setHeader("x-kubeready-cache", "hit");
    // Bytes, not strings: joining and encoding 100 KB of text per response costs more than the copy.
    const separator = Buffer.from(nonce);
    const body = Buffer.concat(entry.body.flatMap((part, i) => (i === 0 ? [part] : [separator, part])));
    if (!/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      res.setHeader("content-length", body.length);
      res.end(body);
      return;
    }
    // Compressed off the event loop (zlib's thread pool), as Next would have sent it.
    gzip(body, { level: 6 }, (err, zipped) => {
      if (err) {
        res.setHeader("content-length", body.length);
        res.end(body);
        return;
      }
      res.setHeader("content-encoding", "gzip");
      res.setHeader("content-length", zipped.length);
      res.end(zipped);
    });
  }

  /**
   * Lets Next render this request and keeps what it sends when it is a complete 200 HTML page with a
   * nonce to replace. Asks Next for an uncompressed body (this client gets it so; later ones get it
   * compressed from memory).
   */
  function renderAndKeep(
    req: IncomingMessage,
    res: ServerResponse,
    render: () => unknown,
    linkId: string,
    version: string,
  ) {
    delete req.headers["accept-encoding"];
    const chunks: Buffer[] = [];
    let size = 0;
    let complete = false;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buf =
        typeof chunk === "string"
          ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
          : Buffer.from(chunk as Uint8Array);
      size += buf.length;
      if (size <= MAX_BODY_BYTES) chunks.push(buf);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      complete = true;
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.once("finish", () => {
      if (!complete || size > MAX_BODY_BYTES || res.statusCode !== 200) return;
      const entry = entryOf(res, Buffer.concat(chunks), version);
      if (entry) keep(linkId, entry);
    });
    return render();
  }

  function entryOf(res: ServerResponse, body: Buffer, version: string): Entry | null {
    const headers = res.getHeaders();
    if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
    if (headers["content-encoding"] !== undefined || headers["set-cookie"] !== undefined) return null;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(String(headers["content-security-policy"] ?? ""))?.[1];
    if (!nonce) return null;
    // Sent compressed or not from memory, depending on the client.
    const vary = String(headers.vary ?? "");
    if (!/\baccept-encoding\b/i.test(vary))
      headers.vary = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
    const replayed: Entry["headers"] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || NOT_REPLAYED.has(name)) continue;
      if (name.startsWith("x-nextjs-")) continue;
      replayed.push([name, (Array.isArray(value) ? value : [String(value)]).map((v) => v.split(nonce))]);
    }
    return { version, at: now(), body: split(body, Buffer.from(nonce)), headers: replayed };
  }

  return {
    /**
     * Answers a shared page from memory when its version holds, else lets `render` (Next) answer it,
     * keeping the page when it is one to keep. Anything the cache cannot decide goes to `render`.
     */
    async handle(req: IncomingMessage, res: ServerResponse, render: () => unknown): Promise<unknown> {
      const token = cacheableSharedPage(req);
      const pages = token ? source() : undefined;
      if (!token || !pages) return render();
      let found: Awaited<ReturnType<SharedPageSource["version"]>>;
      try {
        found = await pages.version(token);
      } catch {
        // The database unavailable or starting: Next's page says so in its own way.
        return render();
      }
      // Unknown, revoked, expired: the page answers 404 and counts nothing.
      if (!found) return render();
      const entry = entries.get(found.linkId);
      if (entry && entry.version === found.version && now() - entry.at < maxAgeMs) {
        entries.delete(found.linkId);
        entries.set(found.linkId, entry);
        pages.countView(found.linkId);
        send(req, res, entry);
        return;
      }
      // The page counts this view itself while Next renders it.
      return renderAndKeep(req, res, render, found.linkId, found.version);
    },
    /** Forgets every page (tests). */
    clear(): void {
      entries.clear();
    },
    get size(): number {
      return entries.size;
    },
  };
}
