import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import {
  clientAddress,
  normalizeAddress,
  parseTrustProxy,
  peerAddress,
  PEER_HEADER,
  stampPeerAddress,
  ZTrustProxy,
} from "./client-address";

const request = (forwardedFor?: string, headers: Record<string, string> = {}) =>
  new Request("http://app.test/api/auth/login", {
    headers: forwardedFor === undefined ? headers : { ...headers, "x-forwarded-for": forwardedFor },
  });

const address = (trust: string | undefined, forwardedFor?: string, socket?: string) =>
  clientAddress(request(forwardedFor), parseTrustProxy(trust), socket);

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[::1]", "::1"],
  ])("%s → %s", (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(["", "unknown", "example.com", "1.2.3", "999.1.1.1", "_hidden", "1.2.3.4:abc"])(
    "%j is not an address",
    (raw) => {
      expect(normalizeAddress(raw)).toBeNull();
    },
  );
});

describe("TRUST_PROXY", () => {
  it.each([undefined, "", "false", " false ", "0"])("%j trusts no proxy", (value) => {
    expect(parseTrustProxy(value)).toEqual({ kind: "none" });
  });

  it.each([
    ["1", 1],
    ["2", 2],
  ])("%j trusts %i hops", (value, hops) => {
    expect(parseTrustProxy(value)).toEqual({ kind: "hops", hops });
  });

  it("accepts IPs and CIDRs of both families", () => {
    expect(parseTrustProxy("10.0.0.0/8, 192.168.1.1, fd00::/8, ::1").kind).toBe("ranges");
  });

  it.each(["true", "10.0.0.0/33", "fd00::/129", "10.0.0.0/8/1", "proxy.internal", "10.0.0.0/x", "1.2.3.4,"])(
    "refuses %j",
    (value) => {
      expect(ZTrustProxy.safeParse(value).success).toBe(false);
    },
  );

  it("names the entries it refuses", () => {
    const result = ZTrustProxy.safeParse("10.0.0.1, nope");
    expect(result.error?.issues[0]?.message).toContain('"nope"');
  });
});

describe("clientAddress without a trusted proxy", () => {
  it("never reads X-Forwarded-For: rotating it changes nothing", () => {
    expect(address(undefined, "1.1.1.1", "198.51.100.9")).toBe("198.51.100.9");
    expect(address(undefined, "2.2.2.2", "198.51.100.9")).toBe("198.51.100.9");
  });

  it("is unknown when the socket peer is unknown, whatever the header says", () => {
    expect(address(undefined, "1.1.1.1")).toBeNull();
    expect(address("false")).toBeNull();
  });

  it("unwraps an IPv4-mapped socket address", () => {
    expect(address(undefined, undefined, "::ffff:198.51.100.9")).toBe("198.51.100.9");
  });
});

describe("clientAddress with a hop count", () => {
  it("takes the entry the proxy appended", () => {
    expect(address("1", "203.0.113.7", "10.0.0.2")).toBe("203.0.113.7");
  });

  it("ignores what the client wrote before the proxy's entry", () => {
    expect(address("1", "6.6.6.6, 203.0.113.7", "10.0.0.2")).toBe("203.0.113.7");
  });

  it("counts two proxies from the right", () => {
    expect(address("2", "6.6.6.6, 203.0.113.7, 10.0.0.1", "10.0.0.2")).toBe("203.0.113.7");
  });

  it("takes the furthest address when the chain is shorter than configured", () => {
    expect(address("3", "203.0.113.7", "10.0.0.2")).toBe("203.0.113.7");
  });

  it("is the socket peer when a request skipped the proxy", () => {
    expect(address("1", undefined, "203.0.113.7")).toBe("203.0.113.7");
  });

  it("treats an unknown peer as the nearest proxy", () => {
    expect(address("1", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(address("2", "6.6.6.6, 203.0.113.7, 10.0.0.1")).toBe("203.0.113.7");
  });

  it("is unknown with neither header nor peer", () => {
    expect(address("1")).toBeNull();
  });

  it("is unknown when the chosen entry is not an IP", () => {
    expect(address("1", "unknown", "10.0.0.2")).toBeNull();
  });

  it("accepts a port on the proxy's entry", () => {
    expect(address("1", "[2001:db8::7]:5000", "10.0.0.2")).toBe("2001:db8::7");
  });
});

describe("clientAddress with trusted ranges", () => {
  const ranges = "10.0.0.0/8, 2001:db8:ffff::/48";

  it("skips trusted proxies from the right", () => {
    expect(address(ranges, "6.6.6.6, 203.0.113.7, 10.1.1.1", "10.0.0.2")).toBe("203.0.113.7");
  });

  it("ignores the header when the peer is not a trusted proxy", () => {
    expect(address(ranges, "203.0.113.7", "198.51.100.9")).toBe("198.51.100.9");
  });

  it("recognises a trusted IPv6 proxy and an IPv4-mapped peer", () => {
    expect(address(ranges, "203.0.113.7, 2001:db8:ffff::5", "::ffff:10.0.0.2")).toBe("203.0.113.7");
  });

  it("stops at an entry that is not an IP instead of skipping it", () => {
    expect(address(ranges, "203.0.113.7, garbage, 10.1.1.1", "10.0.0.2")).toBeNull();
  });

  it("takes the leftmost entry when every hop is trusted", () => {
    expect(address(ranges, "10.9.9.9, 10.1.1.1", "10.0.0.2")).toBe("10.9.9.9");
  });

  it("is the trusted peer itself when there is no header", () => {
    expect(address(ranges, undefined, "10.0.0.2")).toBe("10.0.0.2");
  });

  it("treats an unknown peer as trusted and walks the header", () => {
    expect(address(ranges, "6.6.6.6, 203.0.113.7, 10.1.1.1")).toBe("203.0.113.7");
  });

  it("accepts a single trusted IP", () => {
    expect(address("127.0.0.1", "203.0.113.7", "127.0.0.1")).toBe("203.0.113.7");
    expect(address("127.0.0.1", "203.0.113.7", "127.0.0.2")).toBe("127.0.0.2");
  });
});

describe("peer stamping", () => {
  it("ignores a client-sent peer header until a stamping server runs, then overwrites it", () => {
    const forged = request(undefined, { [PEER_HEADER]: "6.6.6.6" });
    expect(peerAddress(forged)).toBeUndefined();

    const incoming = {
      headers: { [PEER_HEADER]: "6.6.6.6" },
      socket: { remoteAddress: "::ffff:198.51.100.9" },
    } as unknown as IncomingMessage;
    stampPeerAddress(incoming);
    expect(incoming.headers[PEER_HEADER]).toBe("::ffff:198.51.100.9");
    const stamped = request(undefined, { [PEER_HEADER]: String(incoming.headers[PEER_HEADER]) });
    expect(clientAddress(stamped, parseTrustProxy(undefined), peerAddress(stamped))).toBe("198.51.100.9");
  });

  it("drops a client-sent header when the socket has no address", () => {
    const incoming = { headers: { [PEER_HEADER]: "6.6.6.6" }, socket: {} } as unknown as IncomingMessage;
    stampPeerAddress(incoming);
    expect(incoming.headers[PEER_HEADER]).toBeUndefined();
  });
});
