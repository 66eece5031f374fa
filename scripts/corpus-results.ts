// Prints every check's results over the shared corpus (../shared/corpus), file by file, so that an engine
// change can be reviewed as a diff: `tsx scripts/corpus-results.ts > before.txt`, change, run again, diff.
// Usage: tsx scripts/corpus-results.ts [--results]   (--results also lists every result)
import { relative } from "node:path";
import { analyze, loadSnapshot, SnapshotError } from "../lib/engine";
import { CHECKS } from "../lib/engine/checks/registry";
import { CORPUS_DIR, FIXTURE_NOW, HAS_CORPUS, listCorpusFiles, readInput } from "../lib/engine/testing";

function main(): void {
  if (!HAS_CORPUS) {
    console.error(`corpus not found at ${CORPUS_DIR}`);
    process.exitCode = 1;
    return;
  }
  const listResults = process.argv.includes("--results");
  const counts = new Map<string, Record<string, number>>(
    CHECKS.map((c) => [c.id, { pass: 0, fail: 0, skip: 0, error: 0, exempt: 0 }]),
  );
  const lines: string[] = [];
  for (const file of listCorpusFiles()) {
    let snapshot;
    try {
      snapshot = loadSnapshot([readInput(file)]);
    } catch (e) {
      if (e instanceof SnapshotError) continue;
      throw e;
    }
    const rel = relative(CORPUS_DIR, file);
    for (const r of analyze(snapshot, { now: FIXTURE_NOW }).results) {
      const c = counts.get(r.checkId) ?? {};
      c[r.status] = (c[r.status] ?? 0) + 1;
      counts.set(r.checkId, c);
      if (!listResults) continue;
      const o = r.object;
      const what = o
        ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ""}${o.name}${o.container ? `#${o.container}` : ""}`
        : "(cluster)";
      lines.push(`${r.checkId}\t${rel}\t${r.status}\t${what}\t${r.message}`);
    }
  }
  for (const [id, c] of counts)
    console.log(`${id}: pass ${c.pass ?? 0} fail ${c.fail ?? 0} skip ${c.skip ?? 0} error ${c.error ?? 0}`);
  if (listResults) for (const line of lines.sort()) console.log(line);
}

main();
