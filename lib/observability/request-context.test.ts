import { describe, expect, it } from "vitest";
import { currentRequestId, requestIdFor, runWithRequestId, saneRequestId } from "./request-context";

describe("request ids", () => {
  it("keeps a proxy's id when it is a sane token", () => {
    for (const id of [
      "3f2b8c1e-9d4a-4f6e-8b7a-1c2d3e4f5a6b",
      "5e1c4bd0a77f9d2e8c3b6a1f0e9d8c7b",
      "Root-1-67891233-abcdef012345678912345678",
      "req.42:edge_7",
    ]) {
      expect(saneRequestId(id)).toBe(id);
      expect(requestIdFor(id)).toBe(id);
    }
  });

  it("replaces an id that could break a log line, a header or a JSON body, or carry a payload", () => {
    for (const id of [
      "",
      " leading-space",
      "has space",
      'quote"inside',
      "line\nbreak",
      "tab\there",
      "semi;colon",
      "Root=1-abc",
      "<script>",
      "ünïcode",
      "-starts-with-dash",
      "a".repeat(129),
    ]) {
      expect(saneRequestId(id)).toBeNull();
      const replaced = requestIdFor(id);
      expect(replaced).not.toBe(id);
      expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(saneRequestId("a".repeat(128))).toBe("a".repeat(128));
  });

  it("generates a fresh id when none is sent, and takes the first of repeated headers", () => {
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
    expect(requestIdFor(null)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFor(["first-id", "second-id"])).toBe("first-id");
  });

  it("is the current id for everything a request runs, across awaits", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await runWithRequestId("req-1", async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentRequestId();
    });
    expect(seen).toBe("req-1");
    expect(currentRequestId()).toBeUndefined();
  });
});
