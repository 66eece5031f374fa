// Guards the route wrapper applies to writes before any handler runs: a same-origin check for
// cookie-authenticated requests (CSRF) and a strict JSON body reader. Both refuse with a domain error
// (403 / 415 / 400), never a 500, whatever the headers hold.
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/env";
import { requestOrigin } from "./public-url";
import { payloadTooLarge, readCapped } from "./capped-body";

const crossSite = () => new AppError("forbidden", "Cross-site request refused.");

/** Origins a browser may send writes from: PUBLIC_URL's when set, else the one the request came to. */
export function allowedOrigins(req: Request, configured: string | undefined = env.PUBLIC_URL): string[] {
  return [configured ? new URL(configured).origin : requestOrigin(req)];
}

/**
 * For cookie-authenticated writes (SameSite=Lax covers most cross-site writes; this covers the rest,
 * e.g. a sibling subdomain). Browsers send Origin on every POST/PUT/PATCH/DELETE, so a missing Origin
 * is a non-browser client (curl with a cookie cannot be forged by a third party) unless
 * Sec-Fetch-Site, which a page cannot set, says the request came from another site.
 * `Origin: null` (sandboxed frames, file: pages, some redirects) and unparsable values are refused.
 */
export function checkOrigin(req: Request, allowed: string[]): void {
  const origin = req.headers.get("origin");
  if (origin === null) {
    const site = req.headers.get("sec-fetch-site");
    if (site === "cross-site" || site === "same-site") throw crossSite();
    return;
  }
  if (!URL.canParse(origin)) throw crossSite();
  const parsed = new URL(origin).origin;
  // Opaque origins (file:, data:, "null") serialise as "null" and match nothing.
  if (parsed === "null" || !allowed.some((a) => a === parsed)) throw crossSite();
}

const SEND_JSON = 'Send the body as JSON with "Content-Type: application/json".';

/** The media type and charset of a Content-Type header, lower-cased; null when there is none. */
function mediaType(header: string | null): { type: string; charset: string | null } | null {
  if (header === null || header.trim() === "") return null;
  const [type = "", ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length) ?? null;
  return { type, charset: charset?.replace(/^"(.*)"$/, "$1") ?? null };
}

/**
 * The parsed JSON body of a write. Only `application/json` (UTF-8) is accepted: a cross-site HTML
 * form can send text/plain, urlencoded or multipart bodies without a CORS preflight, never JSON.
 * An empty body without a declared type is `{}` (schemas with only optional fields).
 */
/** JSON bodies are forms and small documents; snapshots come through lib/api/upload.ts instead. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;

const tooLarge = () =>
  payloadTooLarge(
    `The request body exceeds ${MAX_JSON_BYTES / 1048576} MB; JSON bodies are small.`,
    MAX_JSON_BYTES,
  );

export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = mediaType(req.headers.get("content-type"));
  if (declared && declared.type !== "application/json") {
    throw new AppError(
      "unsupported-media-type",
      `Content-Type ${declared.type || "(empty)"} is not accepted here. ${SEND_JSON}`,
    );
  }
  if (declared?.charset && declared.charset !== "utf-8" && declared.charset !== "utf8") {
    throw new AppError(
      "unsupported-media-type",
      `Charset ${declared.charset} is not accepted: send UTF-8 JSON.`,
    );
  }
  const text = Buffer.from(await readCapped(req, MAX_JSON_BYTES, tooLarge)).toString("utf8");
  if (text === "") return {};
  if (!declared)
    throw new AppError("unsupported-media-type", `The request has a body but no Content-Type. ${SEND_JSON}`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError(
      "bad-request",
      `Request body is not valid JSON: ${describeJsonError(text, e as Error)}`,
    );
  }
}

/** "<reason> at line L, column C": the engine's reason without the body it quotes back. */
function describeJsonError(text: string, error: Error): string {
  const reason =
    /^(Unexpected token '[^]*?'), [^]* is not valid JSON$/.exec(error.message)?.[1] ??
    error.message.replace(/ in JSON at position \d+.*$/s, "").replace(/ at position \d+.*$/s, "");
  const offset = jsonErrorOffset(text);
  if (offset === null) return reason;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${reason} at line ${line}, column ${column} (position ${offset}).`;
}

class JsonSyntaxError extends Error {
  constructor(readonly offset: number) {
    super(`invalid JSON at ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Offset of the first character that makes `text` invalid JSON (RFC 8259), `text.length` when it
 * ends too early, null when it is valid or too deeply nested to scan. Only run after JSON.parse
 * failed: V8's messages do not always say where.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxError(i);
  };
  const space = () => {
    while (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r") i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < " ") fail();
      if (c === '"') return void i++;
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          HEX4.lastIndex = ++i;
          if (!HEX4.test(text)) fail();
          i += 4;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? "x")) fail();
      }
      i++;
    }
  };
  const members = (close: string, member: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === ",") {
        i++;
        continue;
      }
      literal(close);
      return;
    }
  };
  const value = (depth: number): void => {
    if (depth > 512) throw new RangeError("too deep");
    space();
    const c = text[i];
    if (c === "{")
      return members("}", () => {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        literal(":");
        value(depth + 1);
      });
    if (c === "[") return members("]", () => value(depth + 1));
    if (c === '"') return string();
    if (c === "t") return literal("true");
    if (c === "f") return literal("false");
    if (c === "n") return literal("null");
    NUMBER.lastIndex = i;
    if (!NUMBER.test(text)) fail();
    i = NUMBER.lastIndex;
  };
  try {
    value(0);
    space();
    return i < text.length ? i : null;
  } catch (e) {
    return e instanceof JsonSyntaxError ? e.offset : null;
  }
}
