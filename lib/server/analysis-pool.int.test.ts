// The analysis processes as the upload path uses them: an upload's bytes reach the process intact
// whatever its request declared (the exact size, none, more, or less than arrives), and the process forked
// ahead of need after an analysis is the one the next upload gets.
import { afterAll, describe, expect, it } from "vitest";
import { gunzipObjects } from "@/lib/engine/snapshot/stored-objects";
import type { StorableUpload, TaskFailure } from "@/lib/engine/worker/analysis-task";
import { until } from "@/lib/testing/app-processes";
import { analyseUpload, analysisProcessPids, closeAnalysisPool, type UploadAnalysis } from "./analysis-pool";

const COUNT = 3000;
// About 400 KB: many pipe reads, and more than one 64 KB chunk per write below.
const YAML = Buffer.from(
  Array.from(
    { length: COUNT },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings-${i}, namespace: ns-${i % 7}}\n`,
  ).join("---\n"),
);

const TASK = {
  kind: "upload",
  maxBytes: 64 * 1024 * 1024,
  maxObjects: 100_000,
  exemptions: [],
  exemptionsFingerprint: "",
} as const;

/** Writes the bytes into a started analysis, `chunk` bytes at a time, and analyses them. */
async function feed(analysis: UploadAnalysis, bytes: Buffer, chunk = 100_000) {
  await analysis.sink.file("settings.yaml");
  for (let at = 0; at < bytes.byteLength; at += chunk)
    await analysis.sink.write(bytes.subarray(at, at + chunk));
  return analysis.analyse(TASK, () => {});
}

const upload = (bytes: Buffer, expectedBytes: number | undefined) =>
  feed(analyseUpload(expectedBytes), bytes);

async function names(out: StorableUpload | TaskFailure): Promise<string[]> {
  if (!out.ok) throw new Error(out.message);
  const objects = await gunzipObjects(Buffer.concat(out.objectsGz));
  return objects.map((o) => o.metadata.name);
}

const EXPECTED_NAMES = Array.from({ length: COUNT }, (_, i) => `settings-${i}`);

describe("analysis processes", () => {
  afterAll(() => closeAnalysisPool());

  it.each([
    ["the exact size", YAML.byteLength],
    ["no size (a chunked request)", undefined],
    ["a larger size (a multipart body's framing)", YAML.byteLength * 3],
    ["a smaller size", Math.floor(YAML.byteLength / 5)],
    ["one byte", 1],
  ])("receives every byte of an upload that declared %s", async (_, expected) => {
    expect(await names(await upload(YAML, expected))).toEqual(EXPECTED_NAMES);
  });

  it("gives the next upload the process forked after the last analysis", async () => {
    await upload(YAML, YAML.byteLength);
    await until("a spare analysis process", () => analysisProcessPids().length === 1, 10_000);
    const [spare] = analysisProcessPids();
    const next = analyseUpload(YAML.byteLength);
    // Taken, not forked: no other process starts until this analysis is over.
    expect(analysisProcessPids()).toEqual([spare]);
    const out = await feed(next, YAML);
    expect(await names(out)).toEqual(EXPECTED_NAMES);
    // Its process is gone, and a new spare waits.
    await until(
      "a new spare",
      () => analysisProcessPids().length === 1 && analysisProcessPids()[0] !== spare,
      10_000,
    );
  });
});
