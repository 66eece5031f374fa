import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";
import { FIXTURE_NOW, FIXTURES_DIR } from "../testing";
import { CATEGORIES, SEVERITIES } from "../types";
import { CHECKS } from "./registry";

function runFixture(checkId: string, which: "pass" | "fail") {
  const file = join(FIXTURES_DIR, checkId, `${which}.yaml`);
  const snapshot = loadSnapshot([{ name: file, data: readFileSync(file) }]);
  return analyze(snapshot, { now: FIXTURE_NOW }).results.filter((r) => r.checkId === checkId);
}

describe("check registry", () => {
  it("has at least 25 checks covering every category", () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(25);
    for (const c of CATEGORIES) expect(CHECKS.some((check) => check.category === c)).toBe(true);
  });

  it("uses unique, stable kebab-case ids", () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))("%s is complete (metadata and fixtures)", (id, check) => {
    expect(check.title.trim()).not.toBe("");
    expect(CATEGORIES).toContain(check.category);
    expect(SEVERITIES).toContain(check.severity);
    expect(check.rationale.length).toBeGreaterThan(40);
    expect(check.remediation.length).toBeGreaterThan(20);
    expect(check.references.length).toBeGreaterThan(0);
    expect(existsSync(join(FIXTURES_DIR, id, "pass.yaml")), `${id}/pass.yaml`).toBe(true);
    expect(existsSync(join(FIXTURES_DIR, id, "fail.yaml")), `${id}/fail.yaml`).toBe(true);
  });
});

describe.each(CHECKS.map((c) => c.id))("fixtures of %s", (id) => {
  it("pass fixture passes", () => {
    const results = runFixture(id, "pass");
    expect(results.filter((r) => r.status === "pass").length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === "fail" || r.status === "error")).toEqual([]);
  });

  it("names a declared concern in every result of a bundled check, and none otherwise", () => {
    const check = CHECKS.find((c) => c.id === id)!;
    for (const r of [...runFixture(id, "pass"), ...runFixture(id, "fail")]) {
      if (r.status === "skip") continue;
      if (check.concerns.length === 0) expect(r.concern).toBeUndefined();
      else expect(check.concerns).toContain(r.concern);
    }
  });

  it("fail fixture fails", () => {
    const results = runFixture(id, "fail");
    expect(results.filter((r) => r.status === "fail").length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === "error")).toEqual([]);
  });
});
