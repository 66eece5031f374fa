import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot, SnapshotError } from "./index";
import { CHECKS } from "./checks/registry";
import { CORPUS_DIR, HAS_CORPUS, listCorpusFiles, readInput } from "./testing";

if (!HAS_CORPUS) console.warn(`corpus not found at ${CORPUS_DIR}: corpus tests skipped`);

describe.skipIf(!HAS_CORPUS)("the real-world corpus", () => {
  const files = HAS_CORPUS ? listCorpusFiles() : [];
  const expected = HAS_CORPUS
    ? new Map(
        (
          JSON.parse(readFileSync(join(CORPUS_DIR, "sources.json"), "utf8")) as {
            file: string;
            objects: number;
          }[]
        ).map((s) => [join(CORPUS_DIR, s.file), s.objects]),
      )
    : new Map<string, number>();

  it("loads and analyses every file without an exception or an error result", () => {
    expect(files.length).toBeGreaterThan(400);
    // checkId → corpus files (relative) with at least one failing result, for the per-check summary below.
    const firing = new Map<string, Map<string, number>>(CHECKS.map((c) => [c.id, new Map()]));
    for (const file of files) {
      let snapshot;
      try {
        snapshot = loadSnapshot([readInput(file)]);
      } catch (e) {
        // Only files the corpus itself lists with zero Kubernetes objects may be rejected, and only as empty.
        expect(e, file).toBeInstanceOf(SnapshotError);
        expect((e as SnapshotError).code, file).toBe("empty");
        expect(expected.get(file), file).toBe(0);
        continue;
      }
      expect(snapshot.objects.length, file).toBe(expected.get(file));
      const analysis = analyze(snapshot, { now: new Date("2026-11-21T00:00:00Z") });
      for (const r of analysis.results) {
        if (r.status !== "fail") continue;
        const byFile = firing.get(r.checkId);
        const rel = relative(CORPUS_DIR, file);
        byFile?.set(rel, (byFile.get(rel) ?? 0) + 1);
      }
      expect(
        analysis.results.filter((r) => r.status === "error"),
        file,
      ).toEqual([]);
    }
    // Findings per check over the corpus, analysed file by file: a check that never fires on real data
    // shows up here as "never fires".
    const lines = CHECKS.map((c) => {
      const byFile = firing.get(c.id) ?? new Map<string, number>();
      const total = [...byFile.values()].reduce((a, b) => a + b, 0);
      if (total === 0) return `  ${c.id}: never fires`;
      const names = [...byFile.keys()];
      const shown = names.slice(0, 8).join(", ");
      return `  ${c.id}: ${total} failing result(s) in ${names.length} file(s): ${shown}${names.length > 8 ? ", …" : ""}`;
    });
    console.log(`Corpus findings per check (file by file):\n${lines.join("\n")}`);
  });

  it("analyses the whole corpus as one snapshot, deterministically", () => {
    const inputs = files.filter((f) => expected.get(f) !== 0).map(readInput);
    const now = new Date("2026-11-21T00:00:00Z");
    const a = analyze(loadSnapshot(inputs), { now });
    const b = analyze(loadSnapshot(inputs), { now });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.score.score).not.toBeNull();
    expect(a.results.some((r) => r.status === "error")).toBe(false);
    expect(a.findings.length).toBeGreaterThan(10);
    // JSON-serialisable: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
