// The report model's pure parts: the checklist decides which failing checks the report keeps and at
// which severity; the report carries counts and a bounded first page of affected objects; a category
// card lists its items failing first, a page at a time.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import type { ItemResult } from "@/lib/engine/checklist/score";
import type { Category } from "@/lib/engine/types";
import type { StoredFinding } from "@/lib/engine/worker/analysis-task";
import {
  AFFECTED_FIRST_PAGE,
  CATEGORY_AFFECTED,
  CATEGORY_PAGE_SIZE,
  categoryOf,
  checklistFindings,
  firstPageOfAffected,
} from "./report-model";

function finding(checkId: string, objects: number, extra: Partial<StoredFinding> = {}): StoredFinding {
  return {
    checkId,
    title: `Title of ${checkId}`,
    category: "reliability",
    severity: "low",
    remediation: `Fix ${checkId}`,
    affectedCount: objects,
    affected: Array.from({ length: objects }, (_, i) => ({
      object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: `app-${i}` },
      message: `app-${i} fails ${checkId}`,
      severity: "low" as const,
    })),
    ...extra,
  };
}

function item(key: string, status: ItemResult["status"], extra: Partial<ItemResult> = {}): ItemResult {
  return {
    key,
    kind: "automated",
    title: `Item ${key}`,
    category: "reliability",
    severity: "medium",
    weight: 1,
    effectiveWeight: 1,
    status,
    value: null,
    detail: `detail ${key}`,
    remediation: `checklist fix ${key}`,
    checkId: key,
    ...extra,
  };
}

const categories = Object.fromEntries(
  ["reliability", "security", "efficiency", "operations", "networking", "lifecycle"].map((c) => [
    c,
    { score: 50 },
  ]),
) as Record<Category, { score: number | null }>;

describe("checklistFindings", () => {
  it("keeps the checklist's checks at the checklist's severity, most severe and widespread first", () => {
    const kept = checklistFindings(
      [finding("a", 3), finding("b", 9), finding("c", 100), finding("d", 1)],
      [
        { checkId: "a", severity: "critical" },
        { checkId: "b", severity: "high" },
        { checkId: "d", severity: "high" },
        { severity: "low" },
      ],
    );
    expect(kept.map((f) => [f.checkId, f.severity])).toEqual([
      ["a", "critical"],
      ["b", "high"],
      ["d", "high"],
    ]);
  });
});

describe("firstPageOfAffected", () => {
  it("cuts affected objects to the first page and says how many there are", () => {
    const [big, small] = firstPageOfAffected([finding("big", 37), finding("small", 3)]);
    expect(big!.affected).toHaveLength(AFFECTED_FIRST_PAGE);
    expect(big!.affectedCount).toBe(37);
    expect(big!.affectedListed).toBe(37);
    expect(big!.affected[0]!.object?.name).toBe("app-0");
    expect(small!.affected).toHaveLength(3);
    expect(small!.affectedListed).toBeUndefined();
  });

  it("keeps the whole count of a finding the stored analysis had already cut", () => {
    const stored = { ...finding("cut", 50), affectedCount: 3423, affectedListed: 3500 };
    const [f] = firstPageOfAffected([stored]);
    expect(f!.affected).toHaveLength(AFFECTED_FIRST_PAGE);
    expect(f!.affectedListed).toBe(3500);
    expect(f!.affectedCount).toBe(3423);
  });

  it("does not change the findings it was given (they are shared by cached models)", () => {
    const input = [finding("big", 30)];
    firstPageOfAffected(input);
    expect(input[0]!.affected).toHaveLength(30);
  });
});

describe("categoryOf", () => {
  const report = {
    readiness: {
      categories,
      items: [
        item("pass-1", "pass"),
        item("fail-low", "fail", { severity: "low" }),
        item("fail-high", "fail", { severity: "high" }),
        item("unanswered", "unanswered", { kind: "manual", checkId: undefined }),
        item("sec", "fail", { category: "security" }),
      ],
    },
    findings: [
      finding("fail-low", 2),
      finding("fail-high", 12, { remediation: "Engine fix" }),
      finding("sec", 1),
    ],
  };

  it("lists the category's items, failing first and most severe first, with fixes and first objects", () => {
    const card = categoryOf(report, "reliability", 1);
    expect(card.items.map((i) => i.key)).toEqual(["fail-high", "fail-low", "unanswered", "pass-1"]);
    const high = card.items[0]!;
    expect(high.remediation).toBe("Engine fix");
    expect(high.affectedCount).toBe(12);
    expect(high.affected).toHaveLength(CATEGORY_AFFECTED);
    expect(card.items[3]!.remediation).toBeNull();
    expect(card.items[3]!.affected).toEqual([]);
    expect(card.total).toBe(4);
    expect(card.pages).toBe(1);
  });

  it("pages long categories and refuses a page past the end", () => {
    const many = {
      readiness: {
        categories,
        items: Array.from({ length: CATEGORY_PAGE_SIZE + 3 }, (_, i) =>
          item(`p-${String(i).padStart(2, "0")}`, "pass"),
        ),
      },
      findings: [],
    };
    expect(categoryOf(many, "reliability", 1).items).toHaveLength(CATEGORY_PAGE_SIZE);
    const second = categoryOf(many, "reliability", 2);
    expect(second.items.map((i) => i.key)).toEqual(["p-20", "p-21", "p-22"]);
    expect(second.pages).toBe(2);
    expect(() => categoryOf(many, "reliability", 3)).toThrow(AppError);
  });

  it("gives an empty first page for a category without items, and none without a checklist", () => {
    expect(categoryOf(report, "lifecycle", 1).items).toEqual([]);
    expect(categoryOf({ readiness: null, findings: [] }, "security", 1).total).toBe(0);
  });
});
