import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { allowedOrigins, checkOrigin, jsonErrorOffset, MAX_JSON_BYTES, readJsonBody } from "./request-guards";

const post = (headers: Record<string, string> = {}, body?: string) =>
  new Request("http://localhost:3000/api/assessments", { method: "POST", headers, body });

/** The AppError a call throws (sync or async), so each test can assert its code and message. */
async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("allowedOrigins", () => {
  it("is PUBLIC_URL's origin (path dropped) when set", () => {
    expect(allowedOrigins(post({ host: "localhost:3000" }), "https://example.com/kubeready")).toEqual([
      "https://example.com",
    ]);
  });

  it("is the origin the request came to otherwise", () => {
    expect(allowedOrigins(post({ host: "kr.internal:8080" }), undefined)).toEqual([
      "http://kr.internal:8080",
    ]);
    expect(
      allowedOrigins(
        post({ host: "localhost:3000", "x-forwarded-host": "kr.example.com", "x-forwarded-proto": "https" }),
        undefined,
      ),
    ).toEqual(["https://localhost:3000"]); // X-Forwarded-Host counts only with TRUST_PROXY set
  });
});

describe("checkOrigin", () => {
  const allowed = ["https://kr.example.com"];

  it("accepts the allowed origin, also with an explicit default port", () => {
    expect(() => checkOrigin(post({ origin: "https://kr.example.com" }), allowed)).not.toThrow();
    expect(() => checkOrigin(post({ origin: "https://kr.example.com:443" }), allowed)).not.toThrow();
  });

  it.each([
    ["a foreign origin", "https://evil.example"],
    ["a sibling subdomain", "https://evil.kr.example.com"],
    ["the right host over the wrong scheme", "http://kr.example.com"],
    ["the right host on another port", "https://kr.example.com:8443"],
    ["Origin: null", "null"],
    ["a malformed origin", "https://"],
    ["garbage", "%%%"],
    ["an opaque file: origin", "file:///etc/passwd"],
    ["an empty origin", ""],
  ])("refuses %s with 403, never a 500", async (_, origin) => {
    const err = await refusal(() => checkOrigin(post({ origin }), allowed));
    expect(err.code).toBe("forbidden");
    expect(err.message).toMatch(/cross-site/i);
  });

  it("without Origin, refuses what Sec-Fetch-Site marks as another site", async () => {
    for (const site of ["cross-site", "same-site"]) {
      expect((await refusal(() => checkOrigin(post({ "sec-fetch-site": site }), allowed))).code).toBe(
        "forbidden",
      );
    }
  });

  it("without Origin, lets same-origin, user-initiated and non-browser requests through", () => {
    expect(() => checkOrigin(post({ "sec-fetch-site": "same-origin" }), allowed)).not.toThrow();
    expect(() => checkOrigin(post({ "sec-fetch-site": "none" }), allowed)).not.toThrow();
    expect(() => checkOrigin(post(), allowed)).not.toThrow();
  });
});

describe("readJsonBody", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON;charset=UTF-8",
    'application/json; charset="utf-8"',
  ])("parses a body sent as %s", async (type) => {
    expect(await readJsonBody(post({ "content-type": type }, '{"name":"Payments"}'))).toEqual({
      name: "Payments",
    });
  });

  it("reads an empty body as {}", async () => {
    expect(await readJsonBody(post({ "content-type": "application/json" }))).toEqual({});
    expect(await readJsonBody(post())).toEqual({});
  });

  it.each([
    ["text/plain", "text/plain;charset=UTF-8"],
    ["a urlencoded form", "application/x-www-form-urlencoded"],
    ["a multipart form", "multipart/form-data; boundary=x"],
    ["a JSON look-alike", "application/jsonp"],
    ["another charset", "application/json; charset=latin1"],
  ])("refuses %s with 415 saying what to send", async (_, type) => {
    const err = await refusal(() => readJsonBody(post({ "content-type": type }, '{"name":"x"}')));
    expect(err.code).toBe("unsupported-media-type");
    expect(err.message).toMatch(/JSON/);
  });

  it("refuses a body without Content-Type", async () => {
    const req = new Request("http://localhost:3000/api/x", { method: "POST", body: new Blob(['{"a":1}']) });
    const err = await refusal(() => readJsonBody(req));
    expect(err.code).toBe("unsupported-media-type");
    expect(err.message).toContain("Content-Type: application/json");
  });

  it("refuses invalid JSON with 400 naming the line and column, without echoing the body", async () => {
    const body = '{\n  "name": "secret-value",\n  "team": }';
    const err = await refusal(() => readJsonBody(post({ "content-type": "application/json" }, body)));
    expect(err.code).toBe("bad-request");
    expect(err.message).toContain("line 3, column 11 (position 38)");
    expect(err.message).not.toContain("team");
  });

  it("does not quote a short body back either", async () => {
    const body = '["hunter2hunter2", x]';
    const err = await refusal(() => readJsonBody(post({ "content-type": "application/json" }, body)));
    expect(err.message).toBe(
      "Request body is not valid JSON: Unexpected token 'x' at line 1, column 20 (position 19).",
    );
  });

  it("names the end of input for a truncated body", async () => {
    const err = await refusal(() =>
      readJsonBody(post({ "content-type": "application/json" }, '{"items": [1, 2')),
    );
    expect(err.message).toContain("line 1, column 16 (position 15)");
  });
});

describe("jsonErrorOffset", () => {
  it.each([
    ['{"a":}', 5],
    ['{"a":1', 6],
    ["[1,2", 4],
    ["abc", 0],
    ['{"a":1}x', 7],
    ["{'a':1}", 1],
    ['{"a":tru}', 8],
    ['["\\x"]', 3],
    ['["\\u12g4"]', 4],
    ['["a\nb"]', 3],
    ["[01]", 2],
    ["[1,]", 3],
    ["", 0],
    ["   ", 3],
    ["{,}", 1],
    ['{"a" 1}', 5],
  ])("locates the error in %j at %i", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    expect(() => void JSON.parse(text)).toThrow();
  });

  it.each(['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', " [ ] ", '"x"', "0"])(
    "finds nothing wrong in %j",
    (text) => {
      expect(jsonErrorOffset(text)).toBeNull();
    },
  );

  it("gives up on absurd nesting instead of overflowing the stack", () => {
    expect(jsonErrorOffset("[".repeat(100_000))).toBeNull();
  });
});

describe("JSON body size", () => {
  it("refuses bodies over the cap with 413, declared or not", async () => {
    const big = JSON.stringify({ pad: "x".repeat(MAX_JSON_BYTES) });
    const declared = new Request("http://localhost/api/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big,
    });
    await expect(readJsonBody(declared)).rejects.toMatchObject({ code: "payload-too-large" });
    const streamed = new Request("http://localhost/api/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    await expect(readJsonBody(streamed)).rejects.toMatchObject({ code: "payload-too-large" });
    const small = new Request("http://localhost/api/x", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ok: "é" }),
    });
    await expect(readJsonBody(small)).resolves.toEqual({ ok: "é" });
  });
});
