// Golden results of every check on every file of the real-world corpus, so that a change to a check (or to
// the loader, the workload de-duplication, selectors…) shows up as a reviewable diff of what it decides on
// real data, not only on hand-written fixtures.
//
// Regenerate after an intended change, then review the diff of the JSON file before committing it:
//
//   UPDATE_GOLDEN=1 npx vitest run --project unit lib/engine/corpus-golden.test.ts
//
// Layout (one line per check and corpus file, checks and files sorted):
//   "<check-id>": { "<corpus file>": {"pass":n,"fail":n,"skip":n,"exempt":n,"error":n,"failing":[…]} }
// with zero counts and an empty `failing` left out to keep the file small. `failing` lists the distinct objects with a failing result as `Kind/namespace/name` (`Kind//name` when
// cluster-scoped, `(cluster)` for a result about no object), sorted; it is capped at FAILING_CAP entries
// with a trailing "… N more", while the counts are always exact. A file on which a check gives no result
// at all is left out.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot, SnapshotError, type CheckResult } from "./index";
import { CORPUS_DIR, FIXTURE_NOW, HAS_CORPUS, listCorpusFiles, readInput } from "./testing";

const GOLDEN = join(__dirname, "__golden__", "corpus-results.json");
const FAILING_CAP = 25;
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const STATUSES = ["pass", "fail", "skip", "exempt", "error"] as const;
type Counts = Record<(typeof STATUSES)[number], number>;
type Entry = Partial<Counts> & { failing?: string[] };
/** check id → corpus file (relative to the corpus) → entry. */
type Golden = Record<string, Record<string, Entry>>;

function idOf(r: CheckResult): string {
  const o = r.object;
  return o ? `${o.kind}/${o.namespace ?? ""}/${o.name}` : "(cluster)";
}

/** Sorted, de-duplicated, capped list of failing objects. */
function failingIds(ids: Set<string>): string[] {
  const sorted = [...ids].sort();
  if (sorted.length <= FAILING_CAP) return sorted;
  return [...sorted.slice(0, FAILING_CAP), `… ${sorted.length - FAILING_CAP} more`];
}

function computeGolden(): Golden {
  type Tally = Map<string, { counts: Counts; failing: Set<string> }>;
  const perCheck = new Map<string, Tally>();
  for (const file of listCorpusFiles()) {
    const rel = relative(CORPUS_DIR, file);
    let snapshot;
    try {
      snapshot = loadSnapshot([readInput(file)]);
    } catch (e) {
      // Files without Kubernetes objects (corpus.test.ts asserts which); they have no results.
      if (e instanceof SnapshotError && e.code === "empty") continue;
      throw e;
    }
    const analysis = analyze(snapshot, { now: FIXTURE_NOW });
    for (const r of analysis.results) {
      let byFile = perCheck.get(r.checkId);
      if (!byFile) perCheck.set(r.checkId, (byFile = new Map() as Tally));
      let entry = byFile.get(rel);
      if (!entry) {
        entry = { counts: { pass: 0, fail: 0, skip: 0, exempt: 0, error: 0 }, failing: new Set() };
        byFile.set(rel, entry);
      }
      entry.counts[r.status]++;
      if (r.status === "fail") entry.failing.add(idOf(r));
    }
  }
  const golden: Golden = {};
  for (const checkId of [...perCheck.keys()].sort()) {
    const byFile = perCheck.get(checkId)!;
    const files: Record<string, Entry> = {};
    for (const rel of [...byFile.keys()].sort()) {
      const { counts, failing } = byFile.get(rel)!;
      const entry: Entry = {};
      for (const s of STATUSES) if (counts[s] > 0) entry[s] = counts[s];
      if (failing.size > 0) entry.failing = failingIds(failing);
      files[rel] = entry;
    }
    golden[checkId] = files;
  }
  return golden;
}

/** The golden file's text: one line per check and file, so that a change reads as a line diff. */
function serialise(golden: Golden): string {
  const checks = Object.keys(golden).map((checkId) => {
    const files = Object.entries(golden[checkId]!).map(
      ([file, entry]) => `    ${JSON.stringify(file)}: ${JSON.stringify(entry)}`,
    );
    return `  ${JSON.stringify(checkId)}: {\n${files.join(",\n")}\n  }`;
  });
  return `{\n${checks.join(",\n")}\n}\n`;
}

/** Readable differences, entry by entry: `- check file old` / `+ check file new`. */
function differences(expected: Golden, actual: Golden): string[] {
  const out: string[] = [];
  const checks = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const checkId of checks) {
    const before = expected[checkId] ?? {};
    const after = actual[checkId] ?? {};
    const files = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const file of files) {
      const a = before[file] === undefined ? undefined : JSON.stringify(before[file]);
      const b = after[file] === undefined ? undefined : JSON.stringify(after[file]);
      if (a === b) continue;
      out.push(`${checkId}  ${file}`);
      out.push(`  - ${a ?? "(no result)"}`);
      out.push(`  + ${b ?? "(no result)"}`);
    }
  }
  return out;
}

if (!HAS_CORPUS) console.warn(`corpus not found at ${CORPUS_DIR}: corpus golden test skipped`);

describe.skipIf(!HAS_CORPUS)("the corpus golden file", () => {
  it("every check gives the recorded results on every corpus file", () => {
    const actual = computeGolden();
    if (UPDATE) {
      writeFileSync(GOLDEN, serialise(actual));
      console.log(`wrote ${relative(process.cwd(), GOLDEN)}; review its diff before committing`);
      return;
    }
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    const expected = JSON.parse(readFileSync(GOLDEN, "utf8")) as Golden;
    const diff = differences(expected, actual);
    const shown = diff.slice(0, 300);
    if (diff.length > shown.length) shown.push(`… and ${(diff.length - shown.length) / 3} more entries`);
    expect(
      shown.join("\n"),
      "corpus results differ from lib/engine/__golden__/corpus-results.json (- recorded, + now); " +
        "if intended, regenerate with UPDATE_GOLDEN=1 and review the diff",
    ).toBe("");
  });
});
