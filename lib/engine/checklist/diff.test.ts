import { describe, expect, it } from "vitest";
import { diffChecklists, type DiffableItem } from "./diff";

const item = (params?: Record<string, unknown>): DiffableItem => ({
  key: "single-replica",
  kind: "automated",
  checkId: "single-replica",
  title: "Workloads run more than one replica",
  category: "reliability",
  severity: "high",
  weight: 1,
  rationale: "r",
  remediation: "m",
  enabled: true,
  position: 0,
  ...(params ? { params } : {}),
});

describe("checklist diff of check parameters", () => {
  it("shows a changed threshold as a change of params", () => {
    const diff = diffChecklists([item()], [item({ minReplicas: 3 })]);
    expect(diff.changed).toEqual([
      {
        key: "single-replica",
        title: "Workloads run more than one replica",
        changes: [{ field: "params", before: null, after: '{"minReplicas":3}' }],
      },
    ]);
  });

  it("sees the same params in another key order, and an empty set as the defaults", () => {
    expect(diffChecklists([item({ a: 1, b: [2] })], [item({ b: [2], a: 1 })]).changed).toEqual([]);
    expect(diffChecklists([item({})], [item()]).changed).toEqual([]);
    expect(diffChecklists([item({ a: 1 })], [item({ a: 2 })]).changed[0]?.changes[0]).toMatchObject({
      field: "params",
      before: '{"a":1}',
      after: '{"a":2}',
    });
  });
});
