// LINTER-COVERAGE.md maps every check of Polaris, kube-score and kube-linter to the Kubeready check(s) that
// judge the same concern, or says why none does. The table must not name a check that is not registered,
// and every row must give either check ids or a reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS } from "./registry";

interface Row {
  linter: string;
  concern: string;
  target: string;
}

function rows(): Row[] {
  const text = readFileSync(join(__dirname, "LINTER-COVERAGE.md"), "utf8");
  const out: Row[] = [];
  let linter = "";
  for (const line of text.split("\n")) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) linter = heading[1]!.trim();
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 2) throw new Error(`not a two-column row: ${line}`);
    const [concern, target] = cells as [string, string];
    if (/ check$/.test(concern) && target === "Kubeready check") continue; // the header row
    out.push({ linter, concern, target });
  }
  return out;
}

const ids = (target: string) => [...target.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);

describe("LINTER-COVERAGE.md", () => {
  const all = rows();
  const registered = new Set(CHECKS.map((c) => c.id));

  it("has a table for each linter, with rows", () => {
    for (const linter of ["Polaris", "kube-score", "kube-linter"])
      expect(all.filter((r) => r.linter === linter).length, linter).toBeGreaterThan(20);
  });

  it("names only registered checks", () => {
    const unknown = all.flatMap((r) =>
      ids(r.target)
        .filter((id) => !registered.has(id))
        .map((id) => `${r.concern} → ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it("gives each concern a check or a reason", () => {
    const bare = all.filter(
      (r) => ids(r.target).length === 0 && !/^not (adopted|applicable to snapshots): \S/.test(r.target),
    );
    expect(bare.map((r) => `${r.linter}: ${r.concern}`)).toEqual([]);
  });

  it("lists each linter check once", () => {
    const seen = new Map<string, number>();
    for (const r of all)
      for (const name of r.concern
        .replace(/\(.*\)/, "")
        .split(",")
        .map((s) => s.trim()))
        seen.set(`${r.linter}/${name}`, (seen.get(`${r.linter}/${name}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });
});
