// kubeready CLI: runs the snapshot & checks engine offline, without the web app or a database.
import { fstatSync, readFileSync, writeSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { isatty } from "node:tty";
import { parseArgs } from "node:util";
import {
  analyze,
  checkCatalogue,
  ConfigError,
  firstAffected,
  loadSnapshot,
  parseAnalysisConfig,
  SEVERITIES,
  SnapshotError,
} from "../engine";
import type { AnalysisConfig, Analysis, AnalyzeOptions, LoadedSnapshot, Severity } from "../engine";
// Imported, not read at run time: the bundled CLI (dist/kubeready.mjs) has no package.json beside it.
import packageJson from "../../package.json";
import { formatAnalysisText, formatCatalogueMarkdown, formatCatalogueText } from "./format";
import { writeJson } from "./json-stream";
import { toSarif } from "./sarif";

export const EXIT_OK = 0;
/** Failing results at or above --fail-on severity (default high), or the score is below --fail-below. */
export const EXIT_FINDINGS = 1;
/** Bad usage or unreadable/invalid input; one line on stderr says which file and where. */
export const EXIT_USAGE = 2;
/** A bug in kubeready itself; the message is printed without a stack trace. */
export const EXIT_INTERNAL = 3;
/**
 * --fail-below was asked for, but the input gave too little to grade (the coverage rule, COVERAGE_RULE):
 * the threshold can be neither met nor missed, so CI must not take the run as a pass. Stderr says what is
 * missing. Blocking findings (exit 1) take precedence.
 */
export const EXIT_INSUFFICIENT = 4;

export const HELP = `Usage:
  kubeready analyze <file|dir|->... [options]        check manifests or a cluster dump
  kubeready checks [--format text|json|markdown]     list the checks
  kubeready --help

Input: kubectl get -o json/yaml output (List or typed lists), single objects, multi-document YAML
(helm template), JSON Lines, \`kubectl version -o json\`, .zip/.tar/.tar.gz archives of those, each
optionally gzipped. A directory is read recursively (.yaml, .yml, .json, .jsonl, .ndjson, their .gz,
and archives); "-" reads standard input. Secrets are redacted before analysis.

Options for analyze:
  --format text|json|sarif   output format (default text; sarif is SARIF 2.1.0 for code scanning)
  --all-results              with --format json: list every result, passing and skipped ones too
                             (by default JSON lists the notable ones: fail, exempt, error; summaries,
                             score and findings count every result either way)
  --per-file                 analyse each file on its own instead of all together
  --fail-on SEVERITY         exit 1 when a check fails at this severity or above:
                             critical|high|medium|low|info|none (default high)
  --fail-below N             exit 1 when the readiness score is below N (0-100); exit 4 when
                             the input is too thin to be graded ("insufficient data")
  --disable ID[,ID…]         skip these checks
  --config FILE              YAML/JSON file: disabled checks, severity overrides, check parameters
                             (params: {single-replica: {minReplicas: 3}}, see \`kubeready checks\`),
                             exemptions (checkId, concern, namespace/name glob patterns, kind,
                             container, reason, expires), failOn, failBelow and input limits;
                             command-line options win

Exit codes: 0 no blocking findings, 1 blocking findings (see --fail-on/--fail-below),
2 usage or input error, 3 internal error, 4 --fail-below given but the score could not be graded
(insufficient data; stderr says what is missing).
`;

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<Uint8Array>;
}

class UsageError extends Error {}

const INPUT_FILE = /\.(ya?ml|json|jsonl|ndjson)(\.gz)?$|\.(zip|tar|tgz|tar\.gz)$/i;

async function readConfig(path: string | undefined): Promise<AnalysisConfig | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new UsageError(`--config ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return parseAnalysisConfig(text, path);
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/**
 * Whether standard output is what Node treats as a file (a regular file, or a character device that is
 * not a terminal, such as /dev/null), for which process.stdout writes synchronously anyway.
 */
function stdoutIsFile(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || (st.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

let stdoutToFile: boolean | undefined;

/**
 * Into a file, each piece goes straight to fs.writeSync: process.stdout would first encode it into a new
 * Buffer, and for the ~250 MB of a big JSON report those fresh buffers cost a tenth of the run. Pipes and
 * terminals keep Node's stream.
 */
function writeStdout(text: string): void {
  stdoutToFile ??= stdoutIsFile();
  if (stdoutToFile) writeSync(1, text);
  else process.stdout.write(text);
}

const processIO: CliIO = {
  stdout: writeStdout,
  stderr: (t) => void process.stderr.write(t),
  readStdin,
};

async function listDirectory(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listDirectory(p)));
    else if (entry.isFile() && INPUT_FILE.test(entry.name)) out.push(p);
  }
  return out;
}

async function collectInputs(
  paths: readonly string[],
  io: CliIO,
): Promise<{ name: string; data: Uint8Array }[]> {
  const inputs: { name: string; data: Uint8Array }[] = [];
  for (const p of paths) {
    if (p === "-") {
      inputs.push({ name: "<stdin>", data: await io.readStdin() });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    const files = isDir ? await listDirectory(p) : [p];
    if (isDir && files.length === 0)
      throw new UsageError(`${p}: no .yaml, .yml, .json, .jsonl or archive files in this directory`);
    for (const file of files) {
      try {
        // Synchronously: nothing else runs meanwhile, and fs/promises reads a big file in 512 KB pieces,
        // one thread-pool round trip each (120 MB: 115–150 ms against 75–95 ms).
        inputs.push({ name: file, data: readFileSync(file) });
      } catch (e) {
        throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`);
      }
    }
  }
  return inputs;
}

function parseFormat(value: string | undefined, allowed: readonly string[]): string {
  const format = value ?? "text";
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(", ")}`);
  return format;
}

/**
 * Why `analysis` has no grade to hold against --fail-below; undefined when it has one. Below the coverage
 * rule the score is partial and not graded, and with no applicable check there is no score at all: either
 * way a threshold can be neither met nor missed.
 */
function ungradedReasons(analysis: Analysis): string[] | undefined {
  const { score, coverage } = analysis.score;
  if (coverage && !coverage.sufficient) return coverage.reasons;
  if (score === null) return ["No check applied to these objects."];
  return undefined;
}

function blocking(analysis: Analysis, failOn: Severity | "none", failBelow: number | undefined): boolean {
  if (
    failBelow !== undefined &&
    ungradedReasons(analysis) === undefined &&
    analysis.score.score !== null &&
    analysis.score.score < failBelow
  )
    return true;
  if (failOn === "none") return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return analysis.findings.some((f) => SEVERITIES.indexOf(f.severity) <= threshold);
}

async function runAnalyze(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "per-file": { type: "boolean" },
      "all-results": { type: "boolean" },
      "fail-on": { type: "string" },
      "fail-below": { type: "string" },
      disable: { type: "string", multiple: true },
      config: { type: "string" },
    },
  });
  const format = parseFormat(values.format, ["text", "json", "sarif"]);
  const allResults = values["all-results"] === true;
  if (allResults && format !== "json") throw new UsageError("--all-results applies to --format json only");
  const config = await readConfig(values.config);
  const failOn = (values["fail-on"] ?? config?.failOn ?? "high") as Severity | "none";
  if (failOn !== "none" && !SEVERITIES.includes(failOn)) {
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(", ")}, none`);
  }
  let failBelow: number | undefined = config?.failBelow;
  if (values["fail-below"] !== undefined) {
    failBelow = Number(values["fail-below"]);
    if (!Number.isFinite(failBelow) || failBelow < 0 || failBelow > 100) {
      throw new UsageError("--fail-below must be a number between 0 and 100");
    }
  }
  const known = new Set(checkCatalogue().map((c) => c.id));
  const disabled = (values.disable ?? [])
    .flatMap((d) => d.split(","))
    .map((d) => d.trim())
    .filter(Boolean);
  for (const id of disabled) if (!known.has(id)) throw new UsageError(`--disable: unknown check "${id}"`);
  if (positionals.length === 0) throw new UsageError("analyze needs at least one file, directory or -");

  const inputs = await collectInputs(positionals, io);
  const groups = values["per-file"] ? inputs.map((i) => [i]) : [inputs];
  const reports: { label: string; snapshot: LoadedSnapshot; analysis: Analysis }[] = [];
  const options: AnalyzeOptions = {
    ...config?.options,
    disabled: [...(config?.options.disabled ?? []), ...disabled],
    // Every output lists what needs attention; JSON lists passing and skipped results too when asked
    // (448,000 results, 246 MB for a 120 MB cluster dump, against 154,000 notable ones).
    results: allResults ? "all" : "notable",
  };
  for (const group of groups) {
    const snapshot = loadSnapshot(group, config?.limits);
    const analysis = analyze(snapshot, options);
    reports.push({ label: group.map((g) => g.name).join(", "), snapshot, analysis });
  }

  if (format === "sarif") {
    const disabledSet = new Set(options.disabled);
    const catalogue = checkCatalogue()
      .filter((c) => !disabledSet.has(c.id))
      .map((c) => ({ ...c, severity: options.severityOverrides?.[c.id] ?? c.severity }));
    const sarif = toSarif(
      catalogue,
      reports.map((r) => ({
        analysis: r.analysis,
        objects: r.snapshot.objects,
        origins: r.snapshot.origins,
      })),
      packageJson.version,
    );
    writeJson(sarif, (text) => io.stdout(text));
  } else if (format === "json") {
    const json = reports.map(({ label, snapshot, analysis }) => ({
      input: label,
      /** Which results analysis.results lists: "notable" (fail, exempt, error) or "all". */
      resultsListed: options.results,
      snapshot: {
        sources: snapshot.sources,
        facts: snapshot.facts,
        certificates: snapshot.certificates,
        warnings: snapshot.warnings,
        redactions: snapshot.redactions,
      },
      // Each finding names its first AFFECTED_KEPT failing results, with `affectedListed` counting all
      // of them when there are more: every one is in analysis.results anyway (on the bench's 120 MB list
      // the whole lists were 73 MB of the 168 MB output, restating 194,000 results).
      analysis: { ...analysis, findings: firstAffected(analysis.findings) },
    }));
    writeJson(values["per-file"] ? json : json[0], (text) => io.stdout(text));
  } else {
    io.stdout(reports.map((r) => formatAnalysisText(r.label, r.snapshot, r.analysis)).join("\n"));
  }
  let insufficient = false;
  if (failBelow !== undefined) {
    for (const { label, analysis } of reports) {
      const reasons = ungradedReasons(analysis);
      if (reasons === undefined) continue;
      insufficient = true;
      io.stderr(
        `kubeready: --fail-below ${failBelow}: ${label}: insufficient data, not graded. ${reasons.join(" ")}\n`,
      );
    }
  }
  if (reports.some((r) => blocking(r.analysis, failOn, failBelow))) return EXIT_FINDINGS;
  return insufficient ? EXIT_INSUFFICIENT : EXIT_OK;
}

function runChecksCommand(args: string[], io: CliIO): number {
  const { values } = parseArgs({ args, options: { format: { type: "string" } } });
  const format = parseFormat(values.format, ["text", "json", "markdown"]);
  const catalogue = checkCatalogue();
  io.stdout(
    format === "json"
      ? JSON.stringify(catalogue, null, 2) + "\n"
      : format === "markdown"
        ? formatCatalogueMarkdown(catalogue)
        : formatCatalogueText(catalogue),
  );
  return EXIT_OK;
}

export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(HELP);
      return command === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (command === "analyze") return await runAnalyze(rest, io);
    if (command === "checks" || command === "--list-checks") return runChecksCommand(rest, io);
    throw new UsageError(`unknown command "${command}" (try kubeready --help)`);
  } catch (e) {
    if (e instanceof SnapshotError) {
      io.stderr(`kubeready: ${e.describe()} [${e.code}]\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ConfigError) {
      io.stderr(`kubeready: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.stderr(`kubeready: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // parseArgs reports unknown options and missing values with a code of its own.
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`kubeready: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`kubeready: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
