import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, loadSnapshot, SnapshotError } from "./index";
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
      const analysis = analyze(snapshot);
      expect(
        analysis.results.filter((r) => r.status === "error"),
        file,
      ).toEqual([]);
    }
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
