// The PDF report read back as a reader's PDF viewer would (pdfjs-dist): real text in the right order on
// the right pages, bounded listings, and nothing it must not print.
import { describe, expect, it } from "vitest";
import { scoreChecklist } from "@/lib/engine/checklist/score";
import { verdictChanges } from "@/lib/engine/heuristic/verdict-changes";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import { SEVERITIES, type Severity } from "@/lib/engine/types";
import type { Report } from "@/lib/server/reports";
import { longestEventLoopGap } from "@/lib/testing/event-loop";
import { pdfPages } from "@/lib/testing/pdf-text";
import { reportDownload } from "./download";
import { PDF_OBJECTS_PER_CHECK, pdfText, reportToPdf } from "./pdf";

const answers = {
  production_hosts: 40,
  services: 12,
  services_multi_host: 6,
  containerized: "all",
  deploys_per_week: 30,
  needs_autoscaling: true,
  needs_high_availability: true,
  needs_zero_downtime_deploys: true,
};

type Finding = Report["findings"][number];

function finding(
  checkId: string,
  severity: Severity,
  objects: number,
  kept = Math.min(objects, 50),
): Finding {
  return {
    checkId,
    title: `Check ${checkId}`,
    category: "reliability",
    severity,
    remediation: `Fix ${checkId} by doing the right thing`,
    affectedCount: objects,
    ...(objects > kept ? { affectedListed: objects } : {}),
    affected: Array.from({ length: kept }, (_, i) => ({
      object: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: `${checkId}-obj-${i}` },
      message: "has the problem",
      severity,
    })),
  };
}

function pdfFixture(over: { name?: string; findings?: Finding[]; insufficient?: string } = {}): Report {
  const score = scoreChecklist(
    [
      {
        key: "dr",
        kind: "manual",
        question: "DR tested?",
        title: "Disaster recovery is rehearsed",
        category: "reliability",
        severity: "critical",
        weight: 1,
        rationale: "r",
        remediation: "m",
        enabled: true,
      },
    ],
    { checks: null, manual: { dr: { answer: "partly", note: "runbook exists, drill pending" } } },
  );
  return {
    assessment: { name: over.name ?? "Payments", team: "Core", updatedAt: new Date(0) },
    generatedAt: "2026-11-21T00:00:00.000Z",
    refreshing: false,
    needKubernetes: assessNeedKubernetes(answers),
    verdictChanges: verdictChanges(answers),
    heuristic: "",
    questionnaire: { answered: 8, total: 17, coreAnswered: 8, coreTotal: 16, percent: 47 },
    checklist: { id: "c", name: "Production readiness", versionId: "v", number: 3, newer: null },
    readiness: over.insufficient
      ? { ...score, coverage: { ...score.coverage, sufficient: false, reasons: [over.insufficient] } }
      : score,
    snapshot: {
      id: "00000000-0000-4000-8000-000000000001",
      name: null,
      filename: "cluster.json",
      uploadedAt: new Date("2026-11-20T10:00:00.000Z"),
      uploadedBy: null,
      objectCount: 20_000,
      facts: null,
      warnings: [],
      certificates: [],
      engineScore: null,
    },
    findings: over.findings ?? [
      finding("low-one", "low", 3),
      finding("crit-few", "critical", 2),
      finding("high-many", "high", 3448),
      finding("crit-many", "critical", 40),
    ],
    history: [],
  };
}

/** The 78-check worst case of the stored model: every check failing, each keeping 50 of 3,000 results. */
const bigFindings = Array.from({ length: 78 }, (_, i) =>
  finding(`check-${String(i).padStart(2, "0")}`, SEVERITIES[i % 4]!, 3000 + i, 50),
);

describe("reportToPdf", () => {
  it("writes a summary page, the action plan by severity then objects, capped listings and an appendix", async () => {
    const bytes = await reportToPdf(pdfFixture());
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Fonts embedded (TrueType subsets), none of the 14 standard fonts a viewer would substitute.
    const raw = bytes.toString("latin1");
    expect(raw).toContain("/FontFile2");
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    const pages = await pdfPages(bytes);
    const all = pages.join("\n");

    // Summary on the first page, in the words of the page.
    expect(pages[0]).toContain("Summary");
    expect(pages[0]).toMatch(/Readiness\s*Grade F · 50\/100/);
    expect(pages[0]).toMatch(/Coverage\s*1 of 1 items scored/);
    expect(pages[0]).toContain("Kubernetes fits your situation");
    expect(pages[0]).toMatch(/Failing checks\s*4 — 2 critical, 1 high, 1 low/);
    expect(pages[0]).toMatch(/Objects examined\s*20,000 in cluster\.json/);
    expect(pages[0]).toMatch(/CRITICAL\s*2 checks, 42 failing objects in all/);
    expect(pages[0]).toMatch(/HIGH\s*1 check, 3,448 failing objects in all/);

    // The action plan: most severe first, then most affected objects.
    const plan = pages.findIndex((p) => p.includes("Action plan"));
    expect(plan).toBeGreaterThan(0);
    const order = [
      "1. [CRITICAL] Check crit-many",
      "2. [CRITICAL] Check crit-few",
      "3. [HIGH] Check high-many",
      "4. [LOW] Check low-one",
    ];
    const at = order.map((line) => all.indexOf(line));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(all).toContain("Fix high-many by doing the right thing");

    // Findings list their objects up to the stated cap, then how many more and where they are.
    expect(all).toContain(`at most its first ${PDF_OBJECTS_PER_CHECK} failing results`);
    expect(all).toContain(`Deployment shop/high-many-obj-${PDF_OBJECTS_PER_CHECK - 1} — has the problem`);
    expect(all).not.toContain(`high-many-obj-${PDF_OBJECTS_PER_CHECK} `);
    expect(all).toContain(`and ${(3448 - PDF_OBJECTS_PER_CHECK).toLocaleString("en-US")} more, see the CSV`);
    expect(all).toContain("Deployment shop/crit-few-obj-1");

    // Appendix: checklist version, manual items with evidence, exemptions, formula, coverage.
    const appendix = pages.findIndex((p) => p.includes("Appendix"));
    expect(appendix).toBeGreaterThan(plan);
    const tail = pages.slice(appendix).join("\n");
    expect(tail).toContain("Production readiness, version 3");
    expect(tail).toContain("Disaster recovery is rehearsed — partly");
    expect(tail).toContain("runbook exists, drill pending");
    expect(tail).toContain("No check is exempt.");
    expect(tail).toContain("Grade: A ≥ 90");
    expect(tail).toMatch(/1 of 1 items scored/);

    // Running header and page numbers on every page.
    pages.forEach((p, i) => {
      expect(p).toContain("Payments · snapshot of 2026-11-20 10:00 UTC");
      expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("keeps a 20,000-object report to tens of pages", { timeout: 120_000 }, async () => {
    const started = performance.now();
    const bytes = await reportToPdf(pdfFixture({ findings: bigFindings }));
    const ms = performance.now() - started;
    const pages = await pdfPages(bytes);
    // 78 checks × 25 listed results plus the plan: bounded however many objects the snapshot had.
    expect(pages.length).toBeGreaterThan(20);
    expect(pages.length).toBeLessThan(120);
    expect(bytes.length).toBeLessThan(1_500_000);
    expect(pages.join("\n").match(/more, see the CSV/g)).toHaveLength(78);
    console.info(
      `PDF of 78 failing checks: ${pages.length} pages, ${bytes.length} bytes, ${ms.toFixed(0)} ms`,
    );
  });

  it("prints names in any script as text, control characters as spaces, and no grade without evidence", async () => {
    const name = "Zürich Ωmega Łódź Москва\u0007bell";
    const pages = await pdfPages(
      await reportToPdf(pdfFixture({ name, insufficient: "Only 3 of 20 automated checks have a result" })),
    );
    expect(pages[0]).toContain("Zürich Ωmega Łódź Москва bell");
    expect(pages[0]).toMatch(/Readiness\s*Insufficient data · partial score 50\/100, not graded/);
    expect(pages[0]).toContain("Why no grade");
    expect(pages[0]).toContain("Only 3 of 20 automated checks have a result");
    expect(pdfText("a\u0000b\ud800c")).toBe("a bc");
  });

  it(
    "is written on the PDF thread and offered as an attachment named after the assessment",
    { timeout: 120_000 },
    async () => {
      const res = await reportDownload(pdfFixture({ name: "Shop: EU/prod" }), "pdf");
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="shop-eu-prod-report.pdf"');
      const body = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(body.subarray(0, 5))).toBe("%PDF-");
    },
  );

  it("keeps the event loop free while the thread writes a large PDF", { timeout: 120_000 }, async () => {
    const report = pdfFixture({ findings: bigFindings });
    await reportDownload(report, "pdf"); // the thread is started and warm
    await reportToPdf(report); // and so is this thread's own writer
    // The same PDF written here stalls the event loop for most of its length; on the thread it keeps
    // ticking. Measured side by side, so that a loaded machine slows both alike.
    const here = await longestEventLoopGap(() => reportToPdf(report));
    const { result: res, elapsed, longest } = await longestEventLoopGap(() => reportDownload(report, "pdf"));
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(50_000);
    console.info(
      `PDF on its thread: ${elapsed.toFixed(0)} ms, longest event-loop gap ${longest.toFixed(0)} ms; ` +
        `written here: longest gap ${here.longest.toFixed(0)} ms`,
    );
    expect(here.longest).toBeGreaterThan(100);
    expect(longest).toBeLessThan(here.longest / 2);
  });
});
