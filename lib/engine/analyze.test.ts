import { describe, expect, it } from "vitest";
import { buildContext } from "./checks/context";
import { runChecks } from "./checks/run";
import { defineCheck } from "./checks/define";
import { analyze, checkCatalogue, loadSnapshot } from "./index";
import { computeScore, summarizeChecks } from "./score";
import type { CheckMeta, CheckResult } from "./types";

const enc = (s: string) => new TextEncoder().encode(s);
const load = (yaml: string) => loadSnapshot([{ name: "t.yaml", data: enc(yaml) }]);

const deployment = (annotations = "", templateAnnotations = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
${annotations}spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
${templateAnnotations}    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

describe("analyze", () => {
  it("marks annotated objects exempt with the reason, and counts them", () => {
    const a = analyze(
      load(
        deployment(
          '  annotations:\n    kubeready.io/exempt: "single-replica, readiness-probe"\n    kubeready.io/exempt-reason: "batch-only tool"\n',
        ),
      ),
    );
    const single = a.results.find((r) => r.checkId === "single-replica");
    expect(single).toMatchObject({ status: "exempt", exemptReason: "batch-only tool" });
    expect(a.checks.find((c) => c.id === "single-replica")?.counts.exempt).toBe(1);
    expect(a.results.find((r) => r.checkId === "liveness-probe")?.status).toBe("fail");
  });

  it("honours '*' exemptions on the pod template metadata", () => {
    const a = analyze(load(deployment("", '      annotations: { kubeready.io/exempt: "*" }\n')));
    const statuses = new Set(a.results.filter((r) => r.object?.name === "web").map((r) => r.status));
    expect(statuses.has("fail")).toBe(false);
    expect(statuses.has("exempt")).toBe(true);
    expect(a.results.find((r) => r.status === "exempt")?.exemptReason).toBe("no reason given");
  });

  it("applies admin exemption rules, disabled checks and severity overrides", () => {
    const a = analyze(load(deployment()), {
      disabled: ["liveness-probe"],
      severityOverrides: { "single-replica": "critical" },
      exemptions: [{ checkId: "readiness-probe", namespace: "shop", reason: "ticket OPS-1" }],
    });
    expect(a.results.some((r) => r.checkId === "liveness-probe")).toBe(false);
    expect(a.checks.some((c) => c.id === "liveness-probe")).toBe(false);
    expect(a.results.find((r) => r.checkId === "readiness-probe")?.exemptReason).toBe("ticket OPS-1");
    expect(a.findings[0]).toMatchObject({ checkId: "single-replica", severity: "critical" });
  });

  it("exempts one concern of a bundled check by rule, leaving the others failing", () => {
    const a = analyze(load(deployment()), {
      exemptions: [
        { checkId: "resource-limits", concern: "cpu", namespace: "shop", reason: "no CPU throttling" },
      ],
    });
    const limits = a.results.filter((r) => r.checkId === "resource-limits");
    expect(limits.map((r) => [r.concern, r.status])).toEqual([
      ["cpu", "exempt"],
      ["memory", "fail"],
    ]);
    const finding = a.findings.find((f) => f.checkId === "resource-limits");
    expect(finding?.affected).toEqual([
      expect.objectContaining({ concern: "memory", message: "no memory limit" }),
    ]);
  });

  it("keeps only notable results on request, with the same summaries, score and findings", () => {
    const snapshot = load(
      deployment('  annotations:\n    kubeready.io/exempt: "single-replica"\n') +
        "---\napiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: shop }\nspec: { selector: { app: web } }\n",
    );
    const opts = { exemptions: [{ checkId: "readiness-probe", reason: "ticket OPS-2" }] };
    const all = analyze(snapshot, opts);
    const notable = analyze(snapshot, { ...opts, results: "notable" });
    expect(notable.checks).toEqual(all.checks);
    expect(notable.score).toEqual(all.score);
    expect(notable.findings).toEqual(all.findings);
    expect(notable.results).toEqual(all.results.filter((r) => r.status !== "pass" && r.status !== "skip"));
    const statuses = new Set(all.results.map((r) => r.status));
    for (const status of ["pass", "skip", "fail", "exempt"] as const) expect(statuses).toContain(status);
    // Counts come from every result, kept or not.
    const tally = (status: string) => all.checks.reduce((n, c) => n + c.counts[status as "pass"], 0);
    expect(tally("pass")).toBe(all.results.filter((r) => r.status === "pass").length);
    expect(tally("skip")).toBe(all.results.filter((r) => r.status === "skip").length);
  });

  it("turns a throwing evaluator into exactly one error result", () => {
    const { title, category, severity, rationale, remediation, references } = checkCatalogue()[0]!;
    const boom = defineCheck({
      ...{ title, category, severity, rationale, remediation, references },
      id: "boom",
      scope: { type: "cluster" },
      run: () => {
        throw new Error("kaput");
      },
    });
    const snapshot = load(deployment());
    const results = runChecks([boom], buildContext(snapshot, new Date()), {});
    expect(results).toEqual([
      {
        checkId: "boom",
        status: "error",
        severity: boom.severity,
        message: "check failed: kaput",
        object: null,
      },
    ]);
  });

  it("orders findings by severity, then affected objects", () => {
    const a = analyze(load(deployment()));
    const rank = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };
    for (let i = 1; i < a.findings.length; i++) {
      const prev = a.findings[i - 1]!;
      const cur = a.findings[i]!;
      expect(
        rank[prev.severity] > rank[cur.severity] ||
          (prev.severity === cur.severity && prev.affectedCount >= cur.affectedCount),
      ).toBe(true);
    }
  });
});

describe("score", () => {
  const meta = (
    id: string,
    severity: CheckMeta["severity"],
    category: CheckMeta["category"] = "security",
  ): CheckMeta => ({
    id,
    title: id,
    category,
    severity,
    rationale: "",
    remediation: "",
    references: [],
  });
  const result = (checkId: string, status: CheckResult["status"]): CheckResult => ({
    checkId,
    status,
    severity: "low",
    message: "",
    object: null,
  });

  it("weights pass ratios by severity and ignores checks without applicable results", () => {
    const metas = [
      meta("a", "critical"),
      meta("b", "low"),
      meta("c", "high"),
      meta("d", "medium", "reliability"),
    ];
    const results = [
      result("a", "pass"),
      result("a", "fail"),
      result("b", "pass"),
      result("c", "skip"),
      result("c", "exempt"),
      result("d", "error"),
    ];
    const score = computeScore(summarizeChecks(metas, results));
    // (10·0.5 + 1·1) / 11 = 54.5 → 55
    expect(score.score).toBe(55);
    expect(score.grade).toBe("F");
    expect(score.categories.security).toMatchObject({ score: 55, scoredChecks: 2 });
    expect(score.categories.reliability).toMatchObject({ score: null, grade: null });
    expect(score.formula).toContain("critical 10");
  });

  it("has no score when nothing is applicable", () => {
    expect(computeScore(summarizeChecks([meta("a", "high")], [])).score).toBeNull();
  });
});
