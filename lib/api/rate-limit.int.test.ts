// The per-route limiter on the database counters, as a client sees it: 429 with Retry-After.
import { describe, expect, it } from "vitest";
import { withEmptyAppDatabase } from "@/lib/testing/app-database";
import { availableKinds } from "@/lib/testing/databases";
import { problemResponse } from "./errors";
import { rateLimit } from "./rate-limit";

const kinds = await availableKinds();
const at = (time: string) => new Date(`2026-11-30T${time}Z`);

describe.each(kinds)("route rate limit on %s", (kind) => {
  withEmptyAppDatabase(kind);

  it("allows the limit per minute per caller, then answers 429 with Retry-After", async () => {
    for (let i = 0; i < 3; i++) await rateLimit("POST /api/x u1", 3, at("16:00:00"));
    const response = problemResponse(
      await rateLimit("POST /api/x u1", 3, at("16:00:20")).catch((e: unknown) => e),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("40");
    expect(((await response.json()) as { code: string }).code).toBe("rate-limited");
    await rateLimit("POST /api/x u2", 3, at("16:00:20"));
    await rateLimit("POST /api/x u1", 3, at("16:01:00"));
  });
});
