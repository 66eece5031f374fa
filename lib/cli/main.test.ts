import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT } from "../engine/testing";
import { EXIT_FINDINGS, EXIT_INSUFFICIENT, EXIT_OK, EXIT_USAGE, main, type CliIO } from "./main";

const BIN = resolve(REPO_ROOT, "bin/kubeready.mjs");
const DEMO = join(CORPUS_DIR, "manifests/microservices-demo/release/kubernetes-manifests.yaml");

const tmp = mkdtempSync(join(tmpdir(), "kubeready-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOD = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
data: { mode: fast }
`;

async function run(args: string[], stdin = ""): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: () => Promise.resolve(new TextEncoder().encode(stdin)),
  };
  const code = await main(args, io);
  return { code, out, err };
}

describe("kubeready CLI (in process)", () => {
  it("prints help and the catalogue", async () => {
    expect((await run(["--help"])).out).toContain("kubeready analyze");
    const json = await run(["checks", "--format", "json"]);
    expect(json.code).toBe(EXIT_OK);
    const catalogue = JSON.parse(json.out) as { id: string }[];
    expect(catalogue.map((c) => c.id)).toContain("tls-certificate-expiry");
  });

  it("reads stdin, directories (recursively, gzip included) and reports per file", async () => {
    const dir = join(tmp, "manifests");
    mkdirSync(join(dir, "nested"), { recursive: true });
    writeFileSync(join(dir, "a.yaml"), GOOD);
    writeFileSync(join(dir, "nested", "b.yaml.gz"), gzipSync(GOOD.replace("settings", "other")));
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const res = await run(
      ["analyze", dir, "-", "--per-file", "--format", "json"],
      GOOD.replace("settings", "third"),
    );
    expect(res.err).toBe("");
    const reports = JSON.parse(res.out) as { input: string; snapshot: { facts: { objectCount: number } } }[];
    expect(reports.map((r) => r.input)).toEqual([
      join(dir, "a.yaml"),
      join(dir, "nested", "b.yaml.gz"),
      "<stdin>",
    ]);
  });

  it("exits 2 with one line naming the problem for usage errors", async () => {
    for (const args of [
      ["analyze"],
      ["analyze", join(tmp, "missing.yaml")],
      ["frobnicate"],
      ["analyze", "--format", "xml", "x"],
    ]) {
      const res = await run(args);
      expect(res.code, args.join(" ")).toBe(EXIT_USAGE);
      expect(res.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(res.err).toMatch(/^kubeready: /);
    }
  });

  it("honours --fail-on and --fail-below", async () => {
    const file = join(tmp, "cm.yaml");
    writeFileSync(file, GOOD);
    expect((await run(["analyze", file, "--fail-on", "none"])).code).toBe(EXIT_OK);
    expect((await run(["analyze", file, "--fail-on", "low"])).code).toBe(EXIT_OK);
  });

  it.skipIf(!HAS_CORPUS)(
    "lists notable results in JSON by default and every result with --all-results, counting all either way",
    async () => {
      type Report = {
        resultsListed: string;
        analysis: {
          results: { status: string }[];
          checks: { counts: Record<string, number> }[];
          score: { score: number };
          findings: unknown[];
        };
      };
      const base = ["analyze", DEMO, "--format", "json", "--fail-on", "none"];
      const notable = JSON.parse((await run(base)).out) as Report;
      const all = JSON.parse((await run([...base, "--all-results"])).out) as Report;
      expect(notable.resultsListed).toBe("notable");
      expect(all.resultsListed).toBe("all");
      const statuses = (r: Report) => new Set(r.analysis.results.map((x) => x.status));
      expect(statuses(all)).toContain("pass");
      expect([...statuses(notable)].every((s) => s === "fail" || s === "exempt" || s === "error")).toBe(true);
      expect(notable.analysis.results).toEqual(
        all.analysis.results.filter((x) => x.status !== "pass" && x.status !== "skip"),
      );
      // Summaries, score and findings count every result, listed or not.
      expect(notable.analysis.checks).toEqual(all.analysis.checks);
      expect(notable.analysis.checks.reduce((n, c) => n + (c.counts.pass ?? 0), 0)).toBeGreaterThan(0);
      expect(notable.analysis.score).toEqual(all.analysis.score);
      expect(notable.analysis.findings).toEqual(all.analysis.findings);

      const misuse = await run(["analyze", DEMO, "--all-results"]);
      expect(misuse.code).toBe(EXIT_USAGE);
      expect(misuse.err).toBe("kubeready: --all-results applies to --format json only\n");
    },
  );

  it("names each finding's first 50 failing results in JSON, and how many there are; every one is in results", async () => {
    const file = join(tmp, "many.yaml");
    const deployment = (i: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web-${i}, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: web-${i}}}
  template:
    metadata: {labels: {app: web-${i}}}
    spec: {containers: [{name: app, image: "nginx:latest"}]}
`;
    writeFileSync(file, Array.from({ length: 60 }, (_, i) => deployment(i)).join("---\n"));
    type Affected = { object: { name: string } | null; message: string; severity: string; concern?: string };
    const report = JSON.parse(
      (await run(["analyze", file, "--format", "json", "--fail-on", "none"])).out,
    ) as {
      analysis: {
        results: (Affected & { checkId: string; status: string })[];
        findings: { checkId: string; affectedCount: number; affectedListed?: number; affected: Affected[] }[];
      };
    };
    const { results, findings } = report.analysis;
    const failing = (id: string) =>
      results
        .filter((r) => r.checkId === id && r.status === "fail")
        .map(({ object, message, severity, concern }) =>
          concern === undefined ? { object, message, severity } : { object, message, severity, concern },
        );
    const cut = findings.filter((f) => f.affectedListed !== undefined);
    expect(cut.map((f) => f.checkId)).toContain("single-replica");
    for (const f of findings) {
      const all = failing(f.checkId);
      expect(f.affected, f.checkId).toEqual(all.slice(0, 50));
      if (all.length > 50) expect(f.affectedListed, f.checkId).toBe(all.length);
      else expect(f.affectedListed, f.checkId).toBeUndefined();
    }
    expect(findings.find((f) => f.checkId === "single-replica")).toMatchObject({
      affectedCount: 60,
      affectedListed: 60,
    });
  });

  it("does not let --fail-below pass on a snapshot too thin to grade: exit 4, saying what is missing", async () => {
    // A lone ConfigMap: no workload, 2 checks scored; its partial score is 100.
    const thin = join(tmp, "thin.yaml");
    writeFileSync(thin, GOOD);
    const unasked = await run(["analyze", thin]);
    expect(unasked.code).toBe(EXIT_OK);
    expect(unasked.err).toBe("");

    for (const threshold of ["50", "0"]) {
      const res = await run(["analyze", thin, "--fail-below", threshold]);
      expect(res.code, threshold).toBe(EXIT_INSUFFICIENT);
      expect(res.out).toContain("Readiness score: insufficient data");
      const lines = res.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `kubeready: --fail-below ${threshold}: ${thin}: insufficient data, not graded.`,
      );
      expect(lines[0]).toContain("The snapshot contains no workloads");
      expect(lines[0]).toMatch(/Only \d+ of \d+ checks could be scored; a grade needs at least 20\./);
    }

    // The threshold from a --config file is held to the same rule, and the JSON report is still written.
    const config = join(tmp, "fail-below.yaml");
    writeFileSync(config, "failBelow: 80\n");
    const json = await run(["analyze", thin, "--config", config, "--format", "json"]);
    expect(json.code).toBe(EXIT_INSUFFICIENT);
    expect(json.err).toContain("--fail-below 80:");
    const report = JSON.parse(json.out) as { analysis: { score: { coverage: { sufficient: boolean } } } };
    expect(report.analysis.score.coverage.sufficient).toBe(false);
  });

  it("exits 1, not 4, when a thin snapshot also has blocking findings, and still says it was not graded", async () => {
    const file = join(tmp, "admin-binding.yaml");
    writeFileSync(
      file,
      `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: everyone-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects:
  - { kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io }
`,
    );
    const res = await run(["analyze", file, "--fail-below", "50"]);
    expect(res.out).toContain("cluster-admin-binding");
    expect(res.code).toBe(EXIT_FINDINGS);
    expect(res.err).toContain(`--fail-below 50: ${file}: insufficient data, not graded.`);
    expect((await run(["analyze", file, "--fail-below", "50", "--fail-on", "none"])).code).toBe(
      EXIT_INSUFFICIENT,
    );
  });

  it.skipIf(!HAS_CORPUS)(
    "holds a graded score to --fail-below, and names only the thin file of --per-file",
    async () => {
      expect(await run(["analyze", DEMO, "--fail-on", "none", "--fail-below", "0"])).toMatchObject({
        code: EXIT_OK,
        err: "",
      });
      expect(await run(["analyze", DEMO, "--fail-on", "none", "--fail-below", "100"])).toMatchObject({
        code: EXIT_FINDINGS,
        err: "",
      });
      const thin = join(tmp, "thin-per-file.yaml");
      writeFileSync(thin, GOOD);
      const res = await run(["analyze", DEMO, thin, "--per-file", "--fail-on", "none", "--fail-below", "0"]);
      expect(res.code).toBe(EXIT_INSUFFICIENT);
      expect(res.err.trim().split("\n")).toEqual([
        expect.stringContaining(`--fail-below 0: ${thin}: insufficient data`),
      ]);
    },
  );
});

describe.skipIf(!HAS_CORPUS)("bin/kubeready.mjs (spawned)", () => {
  const spawn = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 });

  it("analyses a corpus file as text and exits 1 on high-severity findings", () => {
    const res = spawn(["analyze", DEMO]);
    expect(res.stderr).toBe("");
    expect(res.stdout).toMatch(/Readiness score: \d+\/100 \(grade [A-F]\)/);
    expect(res.stdout).toContain("single-replica");
    expect(res.status).toBe(EXIT_FINDINGS);
    expect(spawn(["analyze", DEMO, "--fail-on", "none"]).status).toBe(EXIT_OK);
  });

  it("emits JSON that carries the analysis", () => {
    const res = spawn(["analyze", DEMO, "--format", "json", "--fail-on", "none"]);
    expect(res.status).toBe(EXIT_OK);
    const report = JSON.parse(res.stdout) as {
      analysis: { score: { score: number } };
      snapshot: { facts: { objectCount: number } };
    };
    expect(report.snapshot.facts.objectCount).toBe(35);
    expect(report.analysis.score.score).toBeGreaterThan(0);

    // Into a file the CLI writes with fs.writeSync instead of process.stdout: the same bytes.
    const outFile = join(tmp, "report.json");
    const fd = openSync(outFile, "w");
    try {
      const toFile = spawnSync(
        process.execPath,
        [BIN, "analyze", DEMO, "--format", "json", "--fail-on", "none"],
        {
          cwd: REPO_ROOT,
          stdio: ["ignore", fd, "pipe"],
          encoding: "utf8",
          timeout: 60_000,
        },
      );
      expect(toFile.status, toFile.stderr).toBe(EXIT_OK);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(outFile, "utf8")).toBe(res.stdout);
  });

  it("exits 2 on garbage with a message naming the file and position, without a stack trace", () => {
    const garbage = join(tmp, "garbage.yaml");
    writeFileSync(garbage, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n  labels: : :\n");
    const res = spawn(["analyze", garbage]);
    expect(res.status).toBe(EXIT_USAGE);
    expect(res.stdout).toBe("");
    expect(res.stderr).toContain(garbage);
    expect(res.stderr).toMatch(/line \d+:\d+/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(!HAS_CORPUS)("dist/kubeready.mjs (the bundle, spawned)", () => {
  // Built from the current sources into a directory with no node_modules above it: the bundle must run
  // on its own, with no TypeScript loader and no dependency left to resolve.
  const out = join(tmp, "dist");
  beforeAll(() => {
    const build = spawnSync(process.execPath, ["scripts/build-cli.mjs", out], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(build.status, build.stderr).toBe(0);
  });

  it("analyses a corpus file and exits with the CLI's codes", () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(out, "kubeready.mjs"), ...args], {
        cwd: tmp,
        encoding: "utf8",
        timeout: 60_000,
      });
    const json = run(["analyze", DEMO, "--format", "json", "--fail-on", "none"]);
    expect(json.stderr).toBe("");
    expect(json.status).toBe(EXIT_OK);
    const report = JSON.parse(json.stdout) as { snapshot: { facts: { objectCount: number } } };
    expect(report.snapshot.facts.objectCount).toBe(35);
    expect(run(["analyze", DEMO]).status).toBe(EXIT_FINDINGS);
    expect(run(["analyze", join(tmp, "missing.yaml")]).status).toBe(EXIT_USAGE);
  });
});
