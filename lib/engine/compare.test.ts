import { describe, expect, it } from "vitest";
import { diffFindings } from "./compare";
import type { Finding, ObjectRef } from "./types";

const dep = (namespace: string, name: string, container?: string): ObjectRef => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  namespace,
  name,
  ...(container ? { container } : {}),
});

function finding(
  checkId: string,
  objects: (ObjectRef | null)[],
  severity: Finding["severity"] = "high",
): Finding {
  return {
    checkId,
    title: `Title of ${checkId}`,
    category: "reliability",
    severity,
    remediation: "fix it",
    affectedCount: objects.length,
    affected: objects.map((object) => ({ object, message: "m", severity })),
  };
}

describe("diffFindings", () => {
  it("sorts objects into new, fixed and still open per check", () => {
    const before = [finding("probes", [dep("shop", "web"), dep("shop", "api")])];
    const after = [finding("probes", [dep("shop", "api"), dep("shop", "cart")])];
    const diff = diffFindings(before, after);
    expect(diff.totals).toEqual({ new: 1, fixed: 1, open: 1 });
    expect(diff.byCheck).toEqual([
      expect.objectContaining({
        checkId: "probes",
        new: 1,
        fixed: 1,
        open: 1,
        newObjects: [dep("shop", "cart")],
        fixedObjects: [dep("shop", "web")],
      }),
    ]);
  });

  it("counts an object once per check whatever the number of its failing containers", () => {
    const before = [finding("limits", [dep("shop", "web", "app")])];
    const after = [finding("limits", [dep("shop", "web", "app"), dep("shop", "web", "sidecar")])];
    const diff = diffFindings(before, after);
    expect(diff.totals).toEqual({ new: 0, fixed: 0, open: 1 });
    expect(diff.byCheck[0]?.newObjects).toEqual([]);
  });

  it("tells objects of the same name in different namespaces and kinds apart", () => {
    const sts: ObjectRef = { apiVersion: "apps/v1", kind: "StatefulSet", namespace: "shop", name: "web" };
    const before = [finding("probes", [dep("shop", "web")])];
    const after = [finding("probes", [dep("billing", "web"), sts])];
    const diff = diffFindings(before, after);
    expect(diff.totals).toEqual({ new: 2, fixed: 1, open: 0 });
    expect(diff.byNamespace).toEqual([
      { namespace: "shop", new: 1, fixed: 1, open: 0 },
      { namespace: "billing", new: 1, fixed: 0, open: 0 },
    ]);
  });

  it("lists a check that is gone entirely as fixed and a check that appears as new", () => {
    const before = [finding("gone", [dep("a", "x")], "low")];
    const after = [finding("appears", [dep("a", "x"), null], "critical")];
    const diff = diffFindings(before, after);
    expect(diff.byCheck.map((c) => [c.checkId, c.new, c.fixed, c.open])).toEqual([
      ["appears", 2, 0, 0],
      ["gone", 0, 1, 0],
    ]);
    expect(diff.byNamespace).toContainEqual({ namespace: "", new: 1, fixed: 0, open: 0 });
  });

  it("puts the checks with most new failures first, then the most severe", () => {
    const after = [
      finding("one-low", [dep("a", "x")], "low"),
      finding("one-critical", [dep("a", "x")], "critical"),
      finding("two-low", [dep("a", "x"), dep("a", "y")], "low"),
    ];
    expect(diffFindings([], after).byCheck.map((c) => c.checkId)).toEqual([
      "two-low",
      "one-critical",
      "one-low",
    ]);
  });

  it("keeps only the checks asked for, and caps the listed objects but not the counts", () => {
    const many = Array.from({ length: 30 }, (_, i) => dep("a", `d${i}`));
    const diff = diffFindings([], [finding("kept", many), finding("dropped", many)], {
      listed: 5,
      include: (id) => id === "kept",
    });
    expect(diff.byCheck).toHaveLength(1);
    expect(diff.byCheck[0]).toMatchObject({ checkId: "kept", new: 30 });
    expect(diff.byCheck[0]?.newObjects).toHaveLength(5);
  });

  it("is empty between identical snapshots", () => {
    const same = [finding("probes", [dep("shop", "web")])];
    expect(diffFindings(same, same).totals).toEqual({ new: 0, fixed: 0, open: 1 });
  });
});
