// Named edge-case fixtures (kube-score style): fixtures/<check-id>/<pass|fail>-<edge-case>.yaml. Each states,
// in `# expect` comment lines, the result its check must give for each object, so a broken selector,
// namespace or version rule fails a test:
//
//   # expect fail ClusterRoleBinding ci-admin /every verb on every resource/
//   # expect fail:low HorizontalPodAutoscaler shop/pinned
//   # expect pass Deployment shop/api#app
//   # expect none ClusterRole system:lookalike
//   # expect fail Deployment shop/api#app@cpu /no cpu limit/
//
// The object is `Kind [namespace/]name[#container][@concern]` (the concern of a bundled check's result),
// in double quotes when it holds spaces (the generated name of an object without metadata.name); `none` means no result at all for that object; the
// optional /pattern/ must match the message and the optional :severity the result's severity. Every result
// of the check must be listed: an unexpected result fails as well. pass.yaml and fail.yaml may carry
// expectations too.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { loadSnapshot } from "../snapshot/load";
import { FIXTURE_NOW, FIXTURES_DIR } from "../testing";
import type { CheckResult } from "../types";
import { CHECKS } from "./registry";

interface Expectation {
  status: "pass" | "fail" | "skip" | "exempt" | "none";
  severity: string | undefined;
  key: string;
  pattern: RegExp | undefined;
}

const EXPECT =
  /^#\s*expect\s+(pass|fail|skip|exempt|none)(?::(\w+))?\s+(\S+)\s+("[^"]+"|\S+?)(?:\s+\/(.*)\/)?\s*$/;

function parseExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  for (const line of text.split("\n")) {
    if (!/^#\s*expect\b/.test(line)) continue;
    const m = EXPECT.exec(line.trim());
    if (!m) throw new Error(`unreadable expectation: ${line}`);
    out.push({
      status: m[1] as Expectation["status"],
      severity: m[2],
      key: `${m[3]} ${m[4]?.replace(/^"(.*)"$/, "$1")}`,
      pattern: m[5] === undefined ? undefined : new RegExp(m[5]),
    });
  }
  return out;
}

function keyOf(r: CheckResult): string {
  const o = r.object;
  if (!o) return "(cluster)";
  const concern = r.concern !== undefined ? `@${r.concern}` : "";
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}${o.container ? `#${o.container}` : ""}${concern}`;
}

function namedFixtures(): [string, string][] {
  const out: [string, string][] = [];
  for (const { id } of CHECKS) {
    for (const file of readdirSync(join(FIXTURES_DIR, id)).sort()) {
      if (!file.endsWith(".yaml")) continue;
      const named = file !== "pass.yaml" && file !== "fail.yaml";
      if (named || /^#\s*expect\b/m.test(readFileSync(join(FIXTURES_DIR, id, file), "utf8")))
        out.push([id, file]);
    }
  }
  return out;
}

describe.each(namedFixtures())("fixture %s/%s", (id, file) => {
  const path = join(FIXTURES_DIR, id, file);
  const text = readFileSync(path, "utf8");
  const expectations = parseExpectations(text);
  const named = file !== "pass.yaml" && file !== "fail.yaml";

  it.runIf(named)("is named pass-… or fail-… and states its expected results", () => {
    expect(file).toMatch(/^(pass|fail)-[a-z0-9]+(-[a-z0-9]+)*\.yaml$/);
    expect(expectations.length, "no `# expect` lines").toBeGreaterThan(0);
    const fails = expectations.filter((e) => e.status === "fail").length;
    if (file.startsWith("fail-")) expect(fails, "a fail- fixture expects a failure").toBeGreaterThan(0);
    else expect(fails, "a pass- fixture expects no failure").toBe(0);
  });

  it("gives the stated result for each object", () => {
    const snapshot = loadSnapshot([{ name: path, data: readFileSync(path) }]);
    const results = analyze(snapshot, { now: FIXTURE_NOW }).results.filter((r) => r.checkId === id);
    const byKey = new Map<string, CheckResult[]>();
    for (const r of results) {
      const k = keyOf(r);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    for (const e of expectations) {
      const got = byKey.get(e.key) ?? [];
      if (e.status === "none") {
        expect(got, `${e.key}: expected no result`).toEqual([]);
        continue;
      }
      expect(
        got.map((r) => r.status),
        `${e.key}: ${got.map((r) => r.message).join(" | ")}`,
      ).toEqual([e.status]);
      if (e.pattern) expect(got[0]?.message, e.key).toMatch(e.pattern);
      if (e.severity) expect(got[0]?.severity, e.key).toBe(e.severity);
    }
    const listed = new Set(expectations.map((e) => e.key));
    const unexpected = results.filter((r) => !listed.has(keyOf(r)));
    expect(
      unexpected.map((r) => `${r.status} ${keyOf(r)}: ${r.message}`),
      "results the fixture does not state",
    ).toEqual([]);
  });
});
