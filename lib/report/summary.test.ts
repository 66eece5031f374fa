import { describe, expect, it } from "vitest";
import type { Report } from "@/lib/server/reports";
import { age, changeSincePrevious } from "./summary";

describe("age", () => {
  const now = new Date("2026-11-30T12:00:00Z");
  it.each([
    ["2026-11-30T11:59:45Z", "just now"],
    ["2026-11-30T11:59:00Z", "1 minute ago"],
    ["2026-11-30T11:15:00Z", "45 minutes ago"],
    ["2026-11-30T11:00:00Z", "1 hour ago"],
    ["2026-11-29T13:00:00Z", "23 hours ago"],
    ["2026-11-28T11:00:00Z", "2 days ago"],
    ["2026-10-31T12:00:00Z", "30 days ago"],
    ["2026-12-01T12:00:00Z", "just now"],
  ])("%s is %s", (from, text) => expect(age(from, now)).toBe(text));
});

type Summary = Pick<Report, "readiness" | "snapshot" | "history">;
const entry = (snapshotId: string | null, score: number | null, createdAt = "2026-11-01T00:00:00Z") =>
  ({ snapshotId, score, createdAt }) as unknown as Report["history"][number];
const summary = (score: number | null, history: Report["history"]): Summary =>
  ({ readiness: score === null ? null : { score }, snapshot: { id: "now" }, history }) as unknown as Summary;

describe("changeSincePrevious", () => {
  it("compares with the newest report of another snapshot, skipping re-scores of this one", () => {
    const change = changeSincePrevious(
      summary(72, [
        entry("now", 70),
        entry("now", 65),
        entry("before", 60, "2026-10-01T00:00:00Z"),
        entry("older", 10),
      ]),
    );
    expect(change).toEqual({ delta: 12, since: "2026-10-01T00:00:00Z" });
  });

  it("says nothing without an earlier snapshot, a current score, or an earlier score", () => {
    expect(changeSincePrevious(summary(72, [entry("now", 72)]))).toBeNull();
    expect(changeSincePrevious(summary(null, [entry("before", 50)]))).toBeNull();
    expect(changeSincePrevious(summary(72, [entry("before", null), entry(null, 40)]))).toBeNull();
  });

  it("reports a drop as negative", () => {
    expect(changeSincePrevious(summary(40, [entry("before", 55)]))?.delta).toBe(-15);
  });
});
