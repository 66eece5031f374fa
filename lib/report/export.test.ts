import { describe, expect, it } from "vitest";
import { scoreChecklist } from "@/lib/engine/checklist/score";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import type { Report } from "@/lib/server/reports";
import { findingsToCsv, reportToMarkdown } from "./export";

function report(): Report {
  const score = scoreChecklist(
    [
      {
        key: "dr",
        kind: "manual",
        question: "DR tested?",
        title: "DR plan | tested",
        category: "reliability",
        severity: "critical",
        weight: 1,
        rationale: "r",
        remediation: "m",
        enabled: true,
      },
    ],
    { checks: null, manual: { dr: { answer: "partly", note: 'runbook, "never" run' } } },
  );
  return {
    assessment: { name: "Payments", team: "Core", updatedAt: new Date(0) },
    generatedAt: "2026-11-21T00:00:00.000Z",
    needKubernetes: assessNeedKubernetes({ production_hosts: 40, needs_autoscaling: true }),
    heuristic: "",
    questionnaire: { answered: 2, total: 17, coreAnswered: 2, coreTotal: 16, percent: 11 },
    checklist: { id: "c", name: "Production readiness", versionId: "v", number: 2, newer: null },
    readiness: score,
    snapshot: null,
    findings: [
      {
        checkId: "readiness-probe",
        title: "Containers define a readiness probe",
        category: "reliability",
        severity: "high",
        remediation: "Add a readinessProbe, e.g. httpGet /healthz",
        affectedCount: 2,
        affected: [
          {
            object: {
              apiVersion: "apps/v1",
              kind: "Deployment",
              namespace: "shop",
              name: "web",
              container: "app",
            },
            message: "no readiness probe",
            severity: "high",
          },
          { object: null, message: 'a "quoted", message', severity: "high" },
        ],
      },
    ],
    history: [],
  };
}

describe("report exports", () => {
  it("renders Markdown with the verdict, factors, score, action plan and manual answers", () => {
    const md = reportToMarkdown(report());
    expect(md).toContain("# Payments (Core)");
    expect(md).toMatch(/score \d+\/100/);
    expect(md).toContain("| 40 production hosts |");
    expect(md).toContain("scored with Production readiness version 2");
    expect(md).toContain("1. **[HIGH] Containers define a readiness probe** — 2 object(s).");
    expect(md).toContain("`Deployment shop/web [app]`: no readiness probe");
    expect(md).toContain("| DR plan \\| tested | partly |");
  });

  it("writes one CSV row per failing object with proper quoting", () => {
    const csv = findingsToCsv(report()).split("\r\n");
    expect(csv[0]).toBe("severity,check,title,category,kind,namespace,name,container,message,remediation");
    expect(csv[1]).toBe(
      'high,readiness-probe,Containers define a readiness probe,reliability,Deployment,shop,web,app,no readiness probe,"Add a readinessProbe, e.g. httpGet /healthz"',
    );
    expect(csv[2]).toContain(',"a ""quoted"", message",');
    expect(csv).toHaveLength(4);
  });
});
