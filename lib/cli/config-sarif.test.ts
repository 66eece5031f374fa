import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { checkCatalogue } from "../engine";
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main, type CliIO } from "./main";

const tmp = mkdtempSync(join(tmpdir(), "kubeready-cli-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web-canary, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:latest
`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: () => Promise.resolve(new Uint8Array()),
  };
  return { code: await main(args, io), out, err };
}

const file = join(tmp, "web.yaml");
writeFileSync(file, "# a comment line\n---\n" + DEPLOYMENT);

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      level: string;
      ruleIndex: number;
      message: { text: string };
      suppressions?: { justification: string }[];
      locations: {
        physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
        logicalLocations: { fullyQualifiedName: string }[];
      }[];
    }[];
  }[];
}

describe("analyze --format sarif", () => {
  it("emits SARIF 2.1.0 with rules from the registry and located results", async () => {
    const res = await run(["analyze", file, "--format", "sarif", "--fail-on", "none"]);
    expect(res.code).toBe(EXIT_OK);
    const sarif = JSON.parse(res.out) as Sarif;
    expect(sarif.version).toBe("2.1.0");
    const run0 = sarif.runs[0];
    expect(run0?.tool.driver.rules.map((r) => r.id)).toEqual(checkCatalogue().map((c) => c.id));
    const single = run0?.results.find((r) => r.ruleId === "single-replica");
    expect(single?.level).toBe("error");
    expect(run0?.tool.driver.rules[single?.ruleIndex ?? -1]?.id).toBe("single-replica");
    const loc = single?.locations[0];
    expect(loc?.physicalLocation?.artifactLocation.uri).toContain("web.yaml");
    expect(loc?.physicalLocation?.region?.startLine).toBe(3);
    expect(loc?.logicalLocations[0]?.fullyQualifiedName).toBe("shop/Deployment/web-canary");
  });
});

describe("analyze --config", () => {
  it("disables checks, overrides severities and exempts by glob with a reason", async () => {
    const config = join(tmp, "kubeready.yaml");
    writeFileSync(
      config,
      [
        "disabled: [image-tag-pinned]",
        "severity: { single-replica: low }",
        "exemptions:",
        "  - { checkId: liveness-probe, namespace: 'sh*', name: '*-canary', reason: canaries are short-lived }",
        "  - { checkId: readiness-probe, name: '*-canary', reason: expired rule, expires: 2000-01-01 }",
        "failOn: critical",
      ].join("\n"),
    );
    const res = await run(["analyze", file, "--config", config, "--format", "json", "--all-results"]);
    expect(res.err).toBe("");
    expect(res.code).toBe(EXIT_OK);
    const report = JSON.parse(res.out) as {
      analysis: { results: { checkId: string; status: string; severity: string; exemptReason?: string }[] };
    };
    const results = report.analysis.results;
    expect(results.some((r) => r.checkId === "image-tag-pinned")).toBe(false);
    expect(results.find((r) => r.checkId === "single-replica")?.severity).toBe("low");
    expect(results.find((r) => r.checkId === "liveness-probe")).toMatchObject({
      status: "exempt",
      exemptReason: "canaries are short-lived",
    });
    expect(results.find((r) => r.checkId === "readiness-probe")?.status).toBe("fail");
    // The command line wins over the file.
    expect((await run(["analyze", file, "--config", config, "--fail-on", "low"])).code).toBe(EXIT_FINDINGS);
  });

  it("reports every invalid field with its path and exits 2", async () => {
    const config = join(tmp, "bad.json");
    writeFileSync(
      config,
      JSON.stringify({
        disabled: ["no-such-check"],
        severity: { "single-replica": "urgent" },
        exemptions: [{}],
      }),
    );
    const res = await run(["analyze", file, "--config", config]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.err).toContain("disabled.0: unknown check id");
    expect(res.err).toContain("severity.single-replica");
    expect(res.err).toContain("exemptions.0.reason");
  });
});

describe("analyze --config params", () => {
  const replicated = (replicas: number, priorityClass: string) =>
    DEPLOYMENT.replace("replicas: 1", `replicas: ${replicas}`).replace(
      "      containers:",
      `      priorityClassName: ${priorityClass}\n      containers:`,
    );

  it("sets check thresholds: three replicas and the team's own priority classes", async () => {
    const input = join(tmp, "two-replicas.yaml");
    writeFileSync(input, replicated(2, "batch"));
    const result = async (configLines: string[] | null, checkId: string) => {
      const args = ["analyze", input, "--format", "json", "--all-results", "--fail-on", "none"];
      if (configLines) {
        const config = join(tmp, `params-${checkId}.yaml`);
        writeFileSync(config, configLines.join("\n"));
        args.push("--config", config);
      }
      const res = await run(args);
      expect(res.err).toBe("");
      const report = JSON.parse(res.out) as {
        analysis: { results: { checkId: string; status: string; message: string }[] };
      };
      return report.analysis.results.find((r) => r.checkId === checkId);
    };
    expect(await result(null, "single-replica")).toMatchObject({ status: "pass", message: "replicas 2" });
    expect(await result(["params: { single-replica: { minReplicas: 3 } }"], "single-replica")).toMatchObject({
      status: "fail",
      message: "replicas 2: fewer than 3",
    });
    expect(await result(null, "priority-class")).toMatchObject({ status: "pass" });
    expect(
      await result(
        ["params:", "  priority-class: { allowedClasses: [critical, standard] }"],
        "priority-class",
      ),
    ).toMatchObject({
      status: "fail",
      message: "priority class batch is not one of the allowed critical, standard",
    });
  });

  it("rejects an unknown parameter or a bad value with its path and exits 2", async () => {
    const config = join(tmp, "bad-params.yaml");
    writeFileSync(
      config,
      [
        "params:",
        "  single-replica: { minReplicas: 0, minimum: 3 }",
        "  hpa-sanity: { minReplicas: two }",
      ].join("\n"),
    );
    const res = await run(["analyze", file, "--config", config]);
    expect(res.code).toBe(EXIT_USAGE);
    expect(res.err).toContain("params.single-replica.minReplicas: Too small");
    expect(res.err).toContain(
      "params.single-replica.minimum: unknown parameter of single-replica (known: minReplicas)",
    );
    expect(res.err).toContain("params.hpa-sanity.minReplicas:");
  });
});

describe("checks and archive inputs", () => {
  it("prints the catalogue as Markdown", async () => {
    const res = await run(["checks", "--format", "markdown"]);
    expect(res.out).toContain("# Kubeready checks");
    for (const c of checkCatalogue()) expect(res.out).toContain(`### ${c.id}`);
  });

  it("reads zip archives found in a directory", async () => {
    const dir = join(tmp, "dump");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dir);
    writeFileSync(join(dir, "cluster.zip"), zipSync({ "a/web.yaml": new TextEncoder().encode(DEPLOYMENT) }));
    const res = await run(["analyze", dir, "--format", "json", "--fail-on", "none"]);
    expect(res.err).toBe("");
    const report = JSON.parse(res.out) as { snapshot: { sources: { file: string }[] } };
    expect(report.snapshot.sources.map((s) => s.file)).toEqual([join(dir, "cluster.zip") + "!/a/web.yaml"]);
  });
});
