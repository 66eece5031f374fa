// TRUST_PROXY, parsed: which proxies may tell us the client's address. Pure, so lib/env.ts (below
// every layer that reads configuration) can validate it.
import { BlockList, isIP } from "node:net";
import { z } from "zod";

export type TrustProxy =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "ranges"; ranges: BlockList };

/** `::ffff:1.2.3.4` (a dual-stack socket), `1.2.3.4:5678` and `[::1]:80` (some proxies) → the bare IP. */
export function normalizeAddress(raw: string): string | null {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : null;
}

function addRange(ranges: BlockList, entry: string): boolean {
  const [ip, prefix, ...rest] = entry.split("/");
  const address = ip === undefined ? null : normalizeAddress(ip);
  if (!address || rest.length > 0) return false;
  const family = isIP(address) === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) {
    ranges.addAddress(address, family);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d+$/.test(prefix) || bits > (family === "ipv4" ? 32 : 128)) return false;
  ranges.addSubnet(address, bits, family);
  return true;
}

/**
 * TRUST_PROXY: unset or `false` = no proxy, X-Forwarded-For is never read; `1`, `2`… = that many
 * proxies in front; or a comma-separated list of proxy IPs/CIDRs. `true` is refused on purpose: trusting
 * every hop means believing the leftmost entry, which the client writes itself.
 */
export const ZTrustProxy = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const value = raw?.trim() ?? "";
    if (value === "" || value === "false") return { kind: "none" };
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      return hops === 0 ? { kind: "none" } : { kind: "hops", hops };
    }
    const ranges = new BlockList();
    const bad = value
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => !addRange(ranges, entry));
    if (bad.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `must be false, a number of proxies, or proxy IPs/CIDRs (not ${bad.map((b) => JSON.stringify(b)).join(", ")})`,
      });
      return z.NEVER;
    }
    return { kind: "ranges", ranges };
  });

export const parseTrustProxy = (value: string | undefined): TrustProxy => ZTrustProxy.parse(value);
