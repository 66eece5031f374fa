// Engine benchmark (`npm run bench`). Builds a live-cluster-like `kind: List` from the shared corpus
// (objects repeated with varied names and namespaces), then measures, each in a fresh child process:
// JSON.parse alone on the same bytes, the full analysis (read, decode, parse, normalise, redact, all
// checks, score, every result kept) and its peak RSS, at full size and at a quarter of it; the same keeping
// only notable results, as the server does; plus a 5 MB multi-document YAML.
// Each measurement is repeated, in turn with the others, and the median reported; ratios are medians of
// the ratios within each round. Results and targets are printed as a table.
//
// Then the snapshot pipeline on the full list (scripts/bench-pipeline.ts): upload → report through the
// built app on both databases, the whole-process CLI, server RSS and /api/health under concurrent uploads.
//
// Options: --objects N (default 20000), --mb N (minimum JSON size, default 120), --runs N (default 3),
//          --only engine|pipeline|shared (one part of the bench), --db pglite|postgresql (the pipeline on
//          one database only), --keep (keep the generated files in the
//          temp directory), --duration S, --connections N and --port P (the shared section: default
//          10 s, 8 connections, a free port).
//
// `--only shared` (not run otherwise): the shared report of a 20,000-object snapshot under load, beside
// /api/health in the same run, through the built app in this directory (scripts/bench-shared.ts): N
// Deployments (lib/testing/queue-fixtures) that each fail the same checks, the worst case for a report.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseAllDocuments, stringify } from "yaml";
import { analyze, loadSnapshot } from "../lib/engine";
import { benchPipeline, type Row } from "./bench-pipeline";
import { benchShared } from "./bench-shared";

const CORPUS = resolve(__dirname, "../../shared/corpus");
const MB = 1024 * 1024;

type Obj = Record<string, unknown> & { kind?: unknown; metadata?: Record<string, unknown> };

interface ChildResult {
  ms: number;
  /** json-parse mode: JSON.parse only, without decoding the bytes to a string. */
  parseOnlyMs?: number;
  maxRssBytes: number;
  objects?: number;
  results?: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

// ---- child mode: one measurement, printed as JSON on stdout ----

function child(mode: string, file: string): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let result: ChildResult;
  if (mode === "json-parse") {
    // The baseline is JSON.parse on the same bytes, already in memory: JSON.parse(bytes) converts them to
    // a string first (UTF-8 decoding), then parses. The two steps are timed apart so that JSON.parse of
    // the already decoded string can be reported as well.
    const data = readFileSync(file);
    gc?.();
    const t0 = performance.now();
    const text = data.toString("utf8");
    const t1 = performance.now();
    const value = JSON.parse(text) as { items?: unknown[] };
    const t2 = performance.now();
    result = {
      ms: t2 - t0,
      parseOnlyMs: t2 - t1,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      objects: value.items?.length,
    };
  } else {
    const t0 = performance.now();
    const data = readFileSync(file);
    const snapshot = loadSnapshot([{ name: file, data }], { maxBytes: 1024 * MB });
    // "analyze" keeps every result (the engine's default, and the CLI's JSON output); "analyze-notable"
    // runs as the server and the CLI's text and SARIF outputs do: every check, every result counted,
    // only failing, exempt and errored results kept.
    const analysis = analyze(snapshot, { results: mode === "analyze-notable" ? "notable" : "all" });
    const ms = performance.now() - t0;
    result = {
      ms,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      objects: snapshot.objects.length,
      results: analysis.results.length,
    };
  }
  process.stdout.write(JSON.stringify(result));
}

// ---- parent mode ----

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...corpusFiles(p));
    else if (/\.(ya?ml|json)$/.test(entry)) out.push(p);
  }
  return out;
}

function flatten(value: unknown, out: Obj[]): void {
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, out);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const o = value as Obj;
  if (typeof o.kind === "string" && o.kind.endsWith("List") && Array.isArray(o.items)) {
    const itemKind = o.kind === "List" ? undefined : o.kind.slice(0, -4);
    for (const item of o.items as unknown[]) {
      if (item && typeof item === "object" && !Array.isArray(item) && itemKind) {
        (item as Obj).kind ??= itemKind;
        (item as Obj).apiVersion ??= o.apiVersion;
      }
      flatten(item, out);
    }
    return;
  }
  if (
    typeof o.kind === "string" &&
    typeof o.apiVersion === "string" &&
    typeof o.metadata?.name === "string"
  ) {
    out.push(o);
  }
}

function corpusObjects(): Obj[] {
  const out: Obj[] = [];
  for (const file of [
    ...corpusFiles(join(CORPUS, "manifests")),
    ...corpusFiles(join(CORPUS, "cluster-dumps")),
  ]) {
    const text = readFileSync(file, "utf8").replace(/^\ufeff/, "");
    try {
      if (/^\s*[[{]/.test(text)) flatten(JSON.parse(text), out);
      else {
        const docs = parseAllDocuments(text);
        if (Array.isArray(docs)) for (const d of docs) flatten(d.toJS({ maxAliasCount: 1000 }), out);
      }
    } catch {
      // a few corpus files are deliberately broken; they add nothing to a benchmark
    }
  }
  return out;
}

/** Copy `i` of a corpus object, renamed into one of many namespaces, with live-object metadata. */
function variant(base: Obj, i: number): Obj {
  const copy = structuredClone(base);
  const meta = (copy.metadata ??= {});
  meta.name = `${String(meta.name)}-${i}`;
  if (copy.kind !== "Namespace" && copy.kind !== "Node" && !String(copy.kind).startsWith("Cluster")) {
    meta.namespace = `team-${i % 250}`;
  }
  meta.uid = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  meta.resourceVersion = String(100_000 + i);
  meta.creationTimestamp = "2026-01-01T00:00:00Z";
  return copy;
}

/**
 * A cluster holds each CustomResourceDefinition once (their names are global), while workloads, Pods,
 * Services, ConfigMaps and Events repeat across namespaces; so CRDs go in once and the rest is cycled.
 */
function buildList(pool: Obj[], minObjects: number, minBytes: number): { json: string; objects: number } {
  const items: string[] = [];
  let bytes = 0;
  for (const crd of pool.filter((o) => o.kind === "CustomResourceDefinition")) {
    const s = JSON.stringify(crd);
    items.push(s);
    bytes += s.length + 1;
  }
  const cycled = pool.filter((o) => o.kind !== "CustomResourceDefinition");
  for (let i = 0; items.length < minObjects || bytes < minBytes; i++) {
    const base = cycled[i % cycled.length];
    if (!base) break;
    const s = JSON.stringify(variant(base, i));
    items.push(s);
    bytes += s.length + 1;
  }
  return {
    json: `{"apiVersion":"v1","kind":"List","metadata":{"resourceVersion":""},"items":[\n${items.join(",\n")}\n]}\n`,
    objects: items.length,
  };
}

function buildYaml(pool: Obj[], minBytes: number): string {
  const docs: string[] = [];
  let bytes = 0;
  const cycled = pool.filter((o) => o.kind !== "CustomResourceDefinition");
  for (let i = 0; bytes < minBytes; i++) {
    const base = cycled[i % cycled.length];
    if (!base) break;
    const doc = stringify(variant(base, i), { aliasDuplicateObjects: false });
    docs.push(doc);
    bytes += doc.length + 4;
  }
  return docs.join("---\n");
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function runChild(mode: string, file: string): ChildResult {
  const res = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=4096", "--import", "tsx", __filename, "--child", mode, file],
    { encoding: "utf8", maxBuffer: 16 * MB, cwd: resolve(__dirname, "..") },
  );
  if (res.status !== 0) throw new Error(`child ${mode} failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as ChildResult;
}

interface Series {
  ms: number[];
  parseOnly: number[];
  rss: number[];
}

/**
 * Runs the measurements round-robin (baseline, analysis, baseline, analysis, …) so that a slow minute of
 * this shared machine hits both sides of a ratio; ratios are medians of the per-round ratios.
 */
function measureAll<const T extends readonly { mode: string; file: string }[]>(
  jobs: T,
  runs: number,
): { [I in keyof T]: Series } {
  const out: Series[] = jobs.map(() => ({ ms: [], parseOnly: [], rss: [] }));
  for (let r = 0; r < runs; r++) {
    jobs.forEach((job, i) => {
      const res = runChild(job.mode, job.file);
      const s = out[i] as Series;
      s.ms.push(res.ms);
      s.rss.push(res.maxRssBytes);
      if (res.parseOnlyMs !== undefined) s.parseOnly.push(res.parseOnlyMs);
    });
  }
  return out as { [I in keyof T]: Series };
}

function pairedRatio(a: number[], b: number[]): number {
  return median(a.map((x, i) => x / (b[i] ?? NaN)));
}

function all(xs: number[]): string {
  return xs.map((x) => x.toFixed(0)).join("/");
}

function fmtMs(ms: number): string {
  return `${ms.toFixed(0)} ms`;
}

function printRows(rows: Row[]): void {
  const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]?.length ?? 0)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(w[i] ?? 0)).join("  "));
}

async function main(): Promise<void> {
  const only = process.argv[process.argv.indexOf("--only") + 1];
  const minObjects = arg("objects", 20_000);
  const minMb = arg("mb", 120);
  const runs = arg("runs", 3);
  const dir = mkdtempSync(join(tmpdir(), "kubeready-bench-"));
  try {
    const pool = corpusObjects();
    console.log(`corpus: ${pool.length} objects from ${CORPUS}`);
    if (only === "shared") {
      const o = {
        duration: arg("duration", 10),
        connections: arg("connections", 8),
        port: process.argv.includes("--port") ? arg("port", 0) : undefined,
      };
      printRows(await benchShared(resolve(__dirname, ".."), null, minObjects, o));
      return;
    }
    const full = buildList(pool, minObjects, minMb * MB);
    const quarter = buildList(pool, Math.ceil(full.objects / 4), 0);
    const fullFile = join(dir, "full.json");
    const quarterFile = join(dir, "quarter.json");
    const yamlFile = join(dir, "five-mb.yaml");
    writeFileSync(fullFile, full.json);
    writeFileSync(quarterFile, quarter.json);
    writeFileSync(yamlFile, buildYaml(pool, 5 * MB));
    const sizes = {
      full: statSync(fullFile).size,
      quarter: statSync(quarterFile).size,
      yaml: statSync(yamlFile).size,
    };
    console.log(
      `inputs: full ${full.objects} objects / ${(sizes.full / MB).toFixed(1)} MB, quarter ${quarter.objects} objects / ${(sizes.quarter / MB).toFixed(1)} MB, YAML ${(sizes.yaml / MB).toFixed(1)} MB`,
    );
    console.log(
      `runs per measurement: ${runs} (median; measurements taken in turn), each in a fresh node --expose-gc process\n`,
    );

    if (only !== "pipeline")
      engineBench(full.objects, quarter.objects, { fullFile, quarterFile, yamlFile }, sizes, runs);
    const db = process.argv.includes("--db") ? process.argv[process.argv.indexOf("--db") + 1] : "both";
    if (db !== "both" && db !== "pglite" && db !== "postgresql") throw new Error("--db pglite|postgresql");
    if (only !== "engine") printRows(await benchPipeline(fullFile, full.objects, runs, dir, "both", db));
  } finally {
    if (process.argv.includes("--keep")) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function engineBench(
  fullObjects: number,
  quarterObjects: number,
  { fullFile, quarterFile, yamlFile }: { fullFile: string; quarterFile: string; yamlFile: string },
  sizes: { full: number; quarter: number; yaml: number },
  runs: number,
): void {
  const [parseFull, analyzeFull, notableFull, parseQuarter, analyzeQuarter, yaml] = measureAll(
    [
      { mode: "json-parse", file: fullFile },
      { mode: "analyze", file: fullFile },
      { mode: "analyze-notable", file: fullFile },
      { mode: "json-parse", file: quarterFile },
      { mode: "analyze", file: quarterFile },
      { mode: "analyze", file: yamlFile },
    ],
    runs,
  );
  const ms = (s: Series) => median(s.ms);
  const rss = (s: Series) => median(s.rss);
  // The target compares the full analysis with JSON.parse on the same bytes (decoding included, as the
  // analysis decodes them too); the ratio to JSON.parse of the already decoded string is shown beside it.
  const ratioFull = pairedRatio(analyzeFull.ms, parseFull.ms);
  const ratioQuarter = pairedRatio(analyzeQuarter.ms, parseQuarter.ms);
  const vsString = (a: Series, b: Series) => `${pairedRatio(a.ms, b.parseOnly).toFixed(2)}× of the string`;
  const rssRatio = rss(analyzeFull) / sizes.full;
  const scaling = ms(analyzeFull) / ms(analyzeQuarter);
  const objectRatio = fullObjects / quarterObjects;
  const rows: Row[] = [];
  rows.push([
    "JSON.parse(bytes) (full)",
    fmtMs(ms(parseFull)),
    `of the decoded string ${fmtMs(median(parseFull.parseOnly))}`,
    `peak RSS ${(rss(parseFull) / MB).toFixed(0)} MB = ${(rss(parseFull) / sizes.full).toFixed(2)}× input`,
  ]);
  rows.push([
    "full analysis (full)",
    fmtMs(ms(analyzeFull)),
    `${ratioFull.toFixed(2)}× JSON.parse(bytes) (${vsString(analyzeFull, parseFull)})`,
    ratioFull <= 2.5 ? "≤ 2.5× ok" : "≤ 2.5× MISSED",
  ]);
  rows.push([
    "… notable results kept",
    fmtMs(ms(notableFull)),
    `${pairedRatio(notableFull.ms, parseFull.ms).toFixed(2)}× JSON.parse(bytes) (${vsString(notableFull, parseFull)})`,
    `peak RSS ${(rss(notableFull) / MB).toFixed(0)} MB = ${(rss(notableFull) / sizes.full).toFixed(2)}× input`,
  ]);
  rows.push([
    "peak RSS (full)",
    `${(rss(analyzeFull) / MB).toFixed(0)} MB`,
    `${rssRatio.toFixed(2)}× input`,
    rssRatio <= 4 ? "≤ 4× ok" : "≤ 4× MISSED",
  ]);
  rows.push([
    "JSON.parse(bytes) (quarter)",
    fmtMs(ms(parseQuarter)),
    `of the decoded string ${fmtMs(median(parseQuarter.parseOnly))}`,
    "",
  ]);
  rows.push([
    "full analysis (quarter)",
    fmtMs(ms(analyzeQuarter)),
    `${ratioQuarter.toFixed(2)}× JSON.parse(bytes) (${vsString(analyzeQuarter, parseQuarter)})`,
    "",
  ]);
  rows.push([
    "peak RSS (quarter)",
    `${(rss(analyzeQuarter) / MB).toFixed(0)} MB`,
    `${(rss(analyzeQuarter) / sizes.quarter).toFixed(2)}× input`,
    "",
  ]);
  rows.push([
    `scaling (${objectRatio.toFixed(2)}× objects)`,
    `${scaling.toFixed(2)}× time`,
    "",
    scaling <= 4.6 ? "≤ 4.6× ok" : "≤ 4.6× MISSED",
  ]);
  rows.push([
    `5 MB multi-document YAML`,
    fmtMs(ms(yaml)),
    `${(rss(yaml) / MB).toFixed(0)} MB peak RSS`,
    ms(yaml) < 2000 ? "< 2 s ok" : "< 2 s MISSED",
  ]);
  printRows(rows);
  console.log(
    `\nall runs (ms): JSON.parse(bytes) ${all(parseFull.ms)}, of the decoded string ${all(parseFull.parseOnly)}, ` +
      `analysis ${all(analyzeFull.ms)}, notable results kept ${all(notableFull.ms)}, quarter ${all(analyzeQuarter.ms)}, yaml ${all(yaml.ms)}`,
  );
}

const childAt = process.argv.indexOf("--child");
if (childAt >= 0) child(process.argv[childAt + 1] ?? "", process.argv[childAt + 2] ?? "");
else
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
