// The client's network address, read from X-Forwarded-For only as far as the operator said proxies
// can be trusted (TRUST_PROXY), as Express's `trust proxy` does.
//
// Where the socket peer comes from: a Next.js route handler gets a web Request with no socket.
// `next start` copies the peer into X-Forwarded-For only when the header is absent
// (`req.headers['x-forwarded-for'] ??= socket.remoteAddress` in next/dist/server/base-server.js), so
// any client can replace it: the header alone never tells who connected. A server that runs Next in
// this process can instead call `stampPeerAddress` on each Node request: it overwrites PEER_HEADER with
// the socket's address and flags the process, and `peerAddress` believes the header only under that
// flag — a client that sends the header to a plain `next start` is ignored. Without the stamp the peer
// is unknown and `clientAddress` may return null; callers must not lump all such clients together.
import type { IncomingMessage } from "node:http";
import { isIP, type BlockList } from "node:net";
import { normalizeAddress, type TrustProxy } from "@/lib/domain/trust-proxy";

export { normalizeAddress, parseTrustProxy, ZTrustProxy, type TrustProxy } from "@/lib/domain/trust-proxy";

export const PEER_HEADER = "x-kubeready-peer";
const STAMPING = Symbol.for("kubeready.peer-stamping");

const isTrusted = (ranges: BlockList, address: string) =>
  ranges.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");

/**
 * The address the request came from, or null when it cannot be known (no trusted proxy and no
 * stamped socket peer, or a proxy that wrote something other than an IP).
 *
 * `socketAddress` is the TCP peer (see `peerAddress`). When it is unknown but a proxy is configured,
 * the peer is taken to be that proxy: the operator who sets TRUST_PROXY also keeps the app port
 * unreachable except through it.
 */
export function clientAddress(req: Request, trust: TrustProxy, socketAddress?: string): string | null {
  const peer = socketAddress === undefined ? undefined : normalizeAddress(socketAddress);
  if (trust.kind === "none") return peer ?? null;
  if (peer && trust.kind === "ranges" && !isTrusted(trust.ranges, peer)) return peer;
  const forwarded = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (trust.kind === "hops") {
    // Express: the peer is hop 0, the rightmost forwarded entry hop 1… and when the chain is shorter
    // than configured, the furthest address we have.
    const chain = peer ? [...forwarded, peer] : forwarded;
    const back = peer ? trust.hops : trust.hops - 1;
    const entry = chain[Math.max(0, chain.length - 1 - back)];
    return entry === undefined ? null : normalizeAddress(entry);
  }
  for (let i = forwarded.length - 1; i >= 0; i--) {
    const address = normalizeAddress(forwarded[i]!);
    if (!address || !isTrusted(trust.ranges, address)) return address;
  }
  // Every hop was a trusted proxy: the leftmost is the nearest thing to a client we have.
  const first = forwarded[0];
  return first === undefined ? (peer ?? null) : normalizeAddress(first);
}

/** For a Node server that hands requests to Next: record the socket peer where `peerAddress` finds it. */
export function stampPeerAddress(req: IncomingMessage): void {
  (globalThis as Record<symbol, unknown>)[STAMPING] = true;
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_HEADER] = address;
  else delete req.headers[PEER_HEADER];
}

/** The TCP peer of this request, when a stamping server runs in this process; otherwise unknown. */
export function peerAddress(req: Request): string | undefined {
  if ((globalThis as Record<symbol, unknown>)[STAMPING] !== true) return undefined;
  return req.headers.get(PEER_HEADER) ?? undefined;
}
