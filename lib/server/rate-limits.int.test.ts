// Database rate-limit counters on real PostgreSQL and on PGlite.
import { describe, expect, it } from "vitest";
import { withEmptyAppDatabase } from "@/lib/testing/app-database";
import { availableKinds } from "@/lib/testing/databases";
import { hit, peek, release, reset, sweep } from "./rate-limits";

const kinds = await availableKinds();
const MINUTE = 60_000;
const at = (iso: string) => new Date(`2026-11-30T${iso}Z`);

describe.each(kinds)("rate-limit counters on %s", (kind) => {
  const t = withEmptyAppDatabase(kind);

  it("counts within a window and reports when it resets", async () => {
    expect(await hit("a", MINUTE, at("10:00:00.000"))).toEqual({
      count: 1,
      windowStart: at("10:00:00.000"),
      resetAt: at("10:01:00.000"),
    });
    const second = await hit("a", MINUTE, at("10:00:59.999"));
    expect(second.count).toBe(2);
    expect(second.resetAt).toEqual(at("10:01:00.000"));
    expect((await hit("b", MINUTE, at("10:00:30.000"))).count).toBe(1);
  });

  it("starts over once the window has passed", async () => {
    await hit("c", MINUTE, at("11:00:00.000"));
    await hit("c", MINUTE, at("11:00:10.000"));
    expect(await hit("c", MINUTE, at("11:01:00.000"))).toMatchObject({
      count: 1,
      resetAt: at("11:02:00.000"),
    });
  });

  it("counts concurrent hits exactly", async () => {
    const now = at("12:00:00.000");
    const counts = await Promise.all(Array.from({ length: 50 }, () => hit("busy", MINUTE, now)));
    expect(counts.map((w) => w.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await peek("busy", MINUTE, now)).count).toBe(50);
  });

  it("peeks without counting and reads an expired or missing window as zero", async () => {
    await hit("p", MINUTE, at("13:00:00.000"));
    expect((await peek("p", MINUTE, at("13:00:30.000"))).count).toBe(1);
    expect((await peek("p", MINUTE, at("13:00:30.000"))).count).toBe(1);
    expect((await peek("p", MINUTE, at("13:01:00.000"))).count).toBe(0);
    expect((await peek("nobody", MINUTE, at("13:00:00.000"))).count).toBe(0);
  });

  it("releases a hit only in the window it was counted in", async () => {
    const first = await hit("r", MINUTE, at("14:00:00.000"));
    await hit("r", MINUTE, at("14:00:01.000"));
    await release("r", first.windowStart);
    expect((await peek("r", MINUTE, at("14:00:02.000"))).count).toBe(1);
    await hit("r", MINUTE, at("14:05:00.000"));
    await release("r", first.windowStart);
    expect((await peek("r", MINUTE, at("14:05:01.000"))).count).toBe(1);
  });

  it("resets a key", async () => {
    await hit("gone", MINUTE, at("15:00:00.000"));
    await reset("gone");
    expect((await peek("gone", MINUTE, at("15:00:01.000"))).count).toBe(0);
    expect((await hit("gone", MINUTE, at("15:00:02.000"))).count).toBe(1);
  });

  it("sweeps rows whose window started more than a day ago", async () => {
    // Written directly: a hit sweeps now and then by itself (1 in 100), which would take "old" first.
    await t.database.prisma.rateLimitCounter.createMany({
      data: [
        { key: "old", windowStart: new Date("2026-11-28T00:00:00Z"), count: 1 },
        { key: "recent", windowStart: new Date("2026-11-29T12:00:00Z"), count: 1 },
      ],
    });
    expect(await sweep(new Date("2026-11-30T00:00:00Z"))).toBe(1);
    const keys = (await t.database.prisma.rateLimitCounter.findMany({ select: { key: true } })).map(
      (r) => r.key,
    );
    expect(keys).not.toContain("old");
    expect(keys).toContain("recent");
  });

  it("refuses windows longer than the sweep keeps", async () => {
    await expect(hit("x", 2 * 86_400_000)).rejects.toThrow(/out of range/);
  });
});
