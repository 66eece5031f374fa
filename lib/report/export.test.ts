import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { scoreChecklist, type ChecklistScore } from "@/lib/engine/checklist/score";
import { verdictChanges } from "@/lib/engine/heuristic/verdict-changes";
import { assessNeedKubernetes } from "@/lib/engine/heuristic/need-kubernetes";
import type { ObjectRef } from "@/lib/engine/types";
import type { Report } from "@/lib/server/reports";
import { reportDownload } from "./download";
import { csvField, findingsToCsv, mdCode, mdText, reportToMarkdown } from "./export";
import { reportToSarif } from "./sarif";

interface Hostile {
  name?: string;
  team?: string;
  checklist?: string;
  filename?: string;
  item?: string;
  note?: string;
  object?: Partial<ObjectRef>;
  message?: string;
}

const enoughAnswers = {
  production_hosts: 40,
  services: 12,
  services_multi_host: 6,
  containerized: "all",
  deploys_per_week: 30,
  needs_autoscaling: true,
  needs_high_availability: true,
  needs_zero_downtime_deploys: true,
};

function report(
  h: Hostile = {},
  over: { answers?: Record<string, string | number | boolean>; readiness?: ChecklistScore } = {},
): Report {
  const score =
    over.readiness ??
    scoreChecklist(
      [
        {
          key: "dr",
          kind: "manual",
          question: "DR tested?",
          title: h.item ?? "DR plan | tested",
          category: "reliability",
          severity: "critical",
          weight: 1,
          rationale: "r",
          remediation: "m",
          enabled: true,
        },
      ],
      { checks: null, manual: { dr: { answer: "partly", note: h.note ?? 'runbook, "never" run' } } },
    );
  return {
    assessment: { name: h.name ?? "Payments", team: h.team ?? "Core", updatedAt: new Date(0) },
    generatedAt: "2026-11-21T00:00:00.000Z",
    refreshing: false,
    needKubernetes: assessNeedKubernetes(over.answers ?? enoughAnswers),
    verdictChanges: verdictChanges(over.answers ?? enoughAnswers),
    heuristic: "",
    questionnaire: { answered: 2, total: 17, coreAnswered: 2, coreTotal: 16, percent: 11 },
    checklist: {
      id: "c",
      name: h.checklist ?? "Production readiness",
      versionId: "v",
      number: 2,
      newer: null,
    },
    readiness: score,
    snapshot: {
      id: "00000000-0000-4000-8000-000000000001",
      name: null,
      filename: h.filename ?? "cluster.json",
      uploadedAt: new Date("2026-11-20T10:00:00.000Z"),
      uploadedBy: null,
      objectCount: 412,
      facts: null,
      warnings: [],
      certificates: [],
      engineScore: null,
    },
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
              ...h.object,
            },
            message: h.message ?? "no readiness probe",
            severity: "high",
          },
          { object: null, message: 'a "quoted", message', severity: "high" },
        ],
      },
    ],
    history: [],
  };
}

/** What a Markdown viewer shows: the export rendered (raw HTML passes through, as in many viewers). */
const render = (md: string) => marked.parse(md, { async: false });

/** The visible text of rendered HTML. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const ATTACKS = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "[x](javascript:alert(1))",
  "![x](https://evil.example/track.png)",
  "<https://evil.example>",
  "**bold** _it_ ~~gone~~ `code` $x$",
  "a | b | c",
  "&lt;img src=x&gt;",
  "back\\slash\\",
  "Payments #",
  "see https://evil.example/x",
  "www.evil.example",
  "mail admin@evil.example",
];

describe("Markdown export", () => {
  it("renders the verdict, factors, score, snapshot, action plan and manual answers", () => {
    const md = reportToMarkdown(report());
    expect(md).toContain("# Payments (Core)");
    expect(md).toMatch(/score \d+\/100/);
    expect(md).toContain("| 40 production hosts |");
    expect(md).toContain("Latest snapshot: cluster.json, 412 objects, uploaded 2026-11-20T10:00:00.000Z.");
    expect(md).toContain("scored with Production readiness version 2");
    expect(md).toContain("1. **[HIGH] Containers define a readiness probe** — 2 object(s).");
    expect(md).toContain("`Deployment shop/web [app]`: no readiness probe");
    expect(md).toContain("| DR plan \\| tested | partly |");
  });

  it("lists what would change the verdict, as the report computed it", () => {
    const r = report();
    expect(r.verdictChanges.length).toBeGreaterThan(0);
    const md = reportToMarkdown(r);
    expect(md).toContain("What would change the verdict:");
    for (const c of r.verdictChanges) expect(md).toContain(`- ${mdText(c.summary)}`);
  });

  it("states the coverage of the score", () => {
    const md = reportToMarkdown(report());
    expect(md).toContain(
      "Coverage: 1 of 1 items scored · 0 not applicable · 0 unanswered · no snapshot yet.",
    );
  });

  it("gives no verdict or recommendation from too few answers, and lists what is missing", () => {
    const md = reportToMarkdown(report({}, { answers: { production_hosts: 40, needs_autoscaling: true } }));
    expect(md).toContain(
      "**Not enough answers for a verdict yet** — 2 of 16 core questions answered, at least 8 needed. No recommendation yet.",
    );
    expect(md).toMatch(/^- Answer "[^"]+" \\\(or upload a snapshot that counts it\\\)\.$/m);
    expect(md).toContain("- Answer 6 more core questions\\: 2 of 16 are answered");
    // Unanswered questions by their text, never their ids.
    expect(md).toContain("Unanswered:\n\n- How many applications or services do you deploy independently?\n");
    expect(md).not.toMatch(/services_multi_host|deploys_per_week/);
    expect(md).not.toMatch(/Recommendation:|Not needed|Compose/);
  });

  it("shows 'Insufficient data', not a letter, when too little was measured", () => {
    const policies = {
      kind: "automated" as const,
      category: "networking" as const,
      severity: "medium" as const,
      weight: 1,
      rationale: "r",
      remediation: "m",
      enabled: true,
    };
    const readiness = scoreChecklist(
      Array.from({ length: 40 }, (_, i) => ({ ...policies, key: `c${i}`, checkId: `c${i}`, title: `c${i}` })),
      {
        checks: [
          {
            id: "c0",
            title: "c0",
            category: "networking",
            severity: "medium",
            rationale: "",
            remediation: "",
            references: [],
            counts: { pass: 13, fail: 0, skip: 0, error: 0, exempt: 0 },
            worst: "pass",
            passRatio: 1,
          },
        ],
        manual: {},
        evidence: { objects: 13, workloads: 0 },
      },
    );
    const md = reportToMarkdown(report({}, { readiness }));
    expect(md).toContain(
      "**Insufficient data**, scored with Production readiness version 2. Partial score 100/100, not graded.",
    );
    expect(md).toContain(
      "Coverage: 1 of 40 items scored · 0 not applicable · 39 unanswered · 13 objects examined (0 workloads).",
    );
    expect(md).toMatch(/^- The snapshot contains no workloads/m);
    expect(md).toContain("- Only 1 of 40 automated items could be scored; a grade needs at least 20.");
    expect(md).not.toMatch(/\(A\)/);
  });

  it.each(ATTACKS)("shows the assessment name %j as text in the heading", (name) => {
    const html = render(reportToMarkdown(report({ name })));
    const h1 = /<h1>.*<\/h1>/.exec(html)?.[0] ?? "";
    expect(visible(h1)).toBe(`${name} (Core)`);
    expect(tagsIn(h1)).toEqual(["h1"]);
  });

  it.each(ATTACKS)("shows the team %j as text", (team) => {
    const html = render(reportToMarkdown(report({ team })));
    expect(visible(/<h1>(.*)<\/h1>/.exec(html)?.[1] ?? "")).toBe(`Payments (${team})`);
  });

  it.each(ATTACKS)("shows an object name %j as text, in its code span", (name) => {
    const item = affectedItem(render(reportToMarkdown(report({ object: { name } }))));
    expect(item).toContain(`<code>${escapeHtml(`Deployment shop/${name} [app]`)}</code>`);
    expect(tagsIn(item)).toEqual(["code", "li"]);
  });

  it.each(["`", "``x``", "a`b", "` leading", "trailing `", "```"])(
    "keeps backticks %j inside the code span",
    (namespace) => {
      const item = affectedItem(render(reportToMarkdown(report({ object: { namespace } }))));
      expect(item).toContain(`<code>${escapeHtml(`Deployment ${namespace}/web [app]`)}</code>`);
    },
  );

  it.each(ATTACKS)("shows a namespace and container %j as text", (value) => {
    const item = affectedItem(
      render(reportToMarkdown(report({ object: { namespace: value, container: value } }))),
    );
    expect(visible(item)).toBe(`Deployment ${value}/web [${value}]: no readiness probe`);
    expect(tagsIn(item)).toEqual(["code", "li"]);
  });

  it.each(ATTACKS)("shows a finding message %j as text", (message) => {
    const item = affectedItem(render(reportToMarkdown(report({ message }))));
    expect(visible(item)).toBe(`Deployment shop/web [app]: ${message}`);
    expect(tagsIn(item)).toEqual(["code", "li"]);
  });

  it.each(ATTACKS)("shows a snapshot filename %j as text", (filename) => {
    const p = /<p>Latest snapshot:[^]*?<\/p>/.exec(render(reportToMarkdown(report({ filename }))))?.[0] ?? "";
    expect(visible(p)).toBe(`Latest snapshot: ${filename}, 412 objects, uploaded 2026-11-20T10:00:00.000Z.`);
    expect(tagsIn(p)).toEqual(["p"]);
  });

  it.each(ATTACKS)("shows a checklist name %j as text", (checklist) => {
    const p =
      /<p><strong>[^<]*<\/strong>, scored with [^]*?<\/p>/.exec(
        render(reportToMarkdown(report({ checklist }))),
      )?.[0] ?? "";
    expect(visible(p).endsWith(`, scored with ${checklist} version 2.`)).toBe(true);
    expect(tagsIn(p)).toEqual(["p", "strong"]);
  });

  it.each(ATTACKS)("keeps a manual item %j and its evidence in their table cells", (text) => {
    const html = render(reportToMarkdown(report({ item: text, note: text })));
    const row = /<tr>\s*<td>[^]*?<\/tr>/.exec(html.slice(html.lastIndexOf("<table>")))?.[0] ?? "";
    const cells = [...row.matchAll(/<td>([^]*?)<\/td>/g)].map((m) => visible(m[1] ?? ""));
    expect(cells).toEqual([text, "partly", text]);
  });

  it("cannot start a new block with a line break", () => {
    const html = render(
      reportToMarkdown(
        report({ name: "x\n# Injected", message: "m\n\n<script>alert(1)</script>", note: "a\r\n| x |" }),
      ),
    );
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).not.toContain("<script");
    expect(visible(html)).toContain("x # Injected");
  });
});

describe("Markdown helpers", () => {
  it.each([
    ["<b>", "&lt;b&gt;"],
    ["a & b", "a &amp; b"],
    ["[a](b)", "\\[a\\]\\(b\\)"],
    ["*_`~#|$\\", "\\*\\_\\`\\~\\#\\|\\$\\\\"],
    ["kube-system.v1+x", "kube-system.v1+x"],
    ["https://x www.y WWW.z a@b", "https\\://x www\\.y WWW\\.z a\\@b"],
    ["line\nbreak\r\nand\u2028more", "line break and more"],
  ])("mdText(%j) is %j", (input, output) => {
    expect(mdText(input)).toBe(output);
  });

  it.each([
    ["plain", "`plain`"],
    ["a`b", "``a`b``"],
    ["`x", "`` `x ``"],
    ["x``", "``` x`` ```"],
    // CommonMark strips one space on each side when both sides have one.
    [" padded ", "`  padded  `"],
  ])("mdCode(%j) is %j", (input, output) => {
    expect(mdCode(input)).toBe(output);
  });
});

describe("CSV export", () => {
  it("writes one CSV row per failing object with proper quoting", () => {
    const csv = findingsToCsv(report()).split("\r\n");
    expect(csv[0]).toBe("severity,check,title,category,kind,namespace,name,container,message,remediation");
    expect(csv[1]).toBe(
      'high,readiness-probe,Containers define a readiness probe,reliability,Deployment,shop,web,app,no readiness probe,"Add a readinessProbe, e.g. httpGet /healthz"',
    );
    expect(csv[2]).toContain(',"a ""quoted"", message",');
    expect(csv).toHaveLength(4);
  });

  it.each(["=1+1", "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"])(
    "neutralises %j in every object-supplied column",
    (value) => {
      const csv = findingsToCsv(
        report({ object: { kind: value, namespace: value, name: value, container: value }, message: value }),
      );
      const cells = parseCsvRow(csv.split("\r\n")[1] ?? "");
      expect(cells.slice(4, 9)).toEqual(Array(5).fill(`'${value}`));
    },
  );

  it.each([
    ['=HYPERLINK("https://evil.example","x")', '"\'=HYPERLINK(""https://evil.example"",""x"")"'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["-2", "'-2"],
    ["@", "'@"],
    ["\t", "'\t"],
    ["\r", '"\'\r"'],
    ["a=b", "a=b"],
    [" =1", " =1"],
    ["'=1", "'=1"],
    ["", ""],
    [42, "42"],
  ])("csvField(%j) is %j", (input, output) => {
    expect(csvField(input)).toBe(output);
  });
});

/** The first affected-object line of the action plan, as rendered. */
const affectedItem = (html: string) => /<li><code>[^]*?<\/li>/.exec(html)?.[0] ?? "";

/** The distinct elements in a rendered fragment: object text must add none. */
const tagsIn = (html: string) =>
  [...new Set([...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase()))].sort();

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** RFC 4180 fields of one row (enough for these fixtures: no line breaks inside fields). */
function parseCsvRow(row: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= row.length) {
    if (row[i] === '"') {
      let value = "";
      i++;
      while (i < row.length) {
        if (row[i] === '"' && row[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (row[i] === '"') {
          i++;
          break;
        } else value += row[i++];
      }
      cells.push(value);
      i++;
    } else {
      const end = row.indexOf(",", i) === -1 ? row.length : row.indexOf(",", i);
      cells.push(row.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

describe("downloads", () => {
  it("sends each format as an attachment named after the assessment", async () => {
    for (const [format, ext, type] of [
      ["json", "json", "application/json"],
      ["md", "md", "text/markdown"],
      ["csv", "csv", "text/csv"],
      ["sarif", "sarif", "application/sarif+json"],
    ] as const) {
      const res = reportDownload(report({ name: "Payments / EU" }), format);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="payments-eu-report.${ext}"`);
      expect(res.headers.get("content-type")).toContain(type);
      expect((await res.text()).length).toBeGreaterThan(0);
    }
    const json = (await reportDownload(report(), "json").json()) as { assessment: { name: string } };
    expect(json.assessment.name).toBe("Payments");
  });

  it("writes SARIF with one result per failing object, at the checklist's severity, located by object", () => {
    const r = report();
    const sarif = reportToSarif(r) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; level: string; message: { text: string }; locations: unknown[] }[];
      }[];
    };
    expect(sarif.version).toBe("2.1.0");
    const [run] = sarif.runs;
    const affected = r.findings.flatMap((f) => f.affected);
    expect(run!.results).toHaveLength(affected.length);
    expect(run!.tool.driver.rules.map((x) => x.id)).toEqual(r.findings.map((f) => f.checkId));
    expect(run!.results[0]).toMatchObject({
      ruleId: "readiness-probe",
      level: "error",
      message: { text: "no readiness probe" },
    });
    expect(JSON.stringify(run!.results[0]!.locations)).toContain(
      '"fullyQualifiedName":"shop/Deployment/web/app"',
    );
  });
});
