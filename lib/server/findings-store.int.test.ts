// Findings are stored twice: compact in the analysis (pages, scoring) and whole, gzipped (exports).
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { AFFECTED_KEPT, BLOB_PIECE_BYTES, type StoredAnalysis } from "@/lib/engine/worker/analysis-task";
import { findingsToCsv } from "@/lib/report/export";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList } from "@/lib/testing/queue-fixtures";
import { authorizeAssessment } from "./access";
import { createAssessment } from "./assessments";
import { AFFECTED_FIRST_PAGE } from "./report-model";
import { buildReport } from "./reports";
import { readSnapshotObjects } from "./snapshots";
import { uploadSnapshot } from "./uploads";

const kinds = await availableKinds();

describe.each(kinds)("stored findings on %s", (kind) => {
  let t: TestDatabase;
  let A: UserPrincipal;

  beforeAll(async () => {
    const set = await setUpAppDatabase(kind);
    t = set.t;
    A = asUser(set.admin);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("keeps a few affected objects per finding in the analysis and every one for downloads", async () => {
    const count = AFFECTED_KEPT * 3;
    const a = await createAssessment(A, { name: "Many deployments" });
    const { snapshot } = await uploadSnapshot(A, a.id, [{ name: "many.json", data: deploymentList(count) }]);
    const row = await t.database.prisma.snapshot.findUniqueOrThrow({
      where: { id: snapshot.id },
      select: { analysis: true, blobs: { where: { part: "findings" }, orderBy: { seq: "asc" } } },
    });
    const stored = row.analysis as unknown as StoredAnalysis;
    const wide = stored.findings.find((f) => f.affectedCount >= count);
    expect(wide, "a check failing on every deployment").toBeDefined();
    expect(wide!.affected).toHaveLength(AFFECTED_KEPT);
    expect(wide!.affectedListed).toBeGreaterThanOrEqual(count);
    const findingsGz = Buffer.concat(row.blobs.map((b) => b.bytes));
    const whole = JSON.parse(gunzipSync(findingsGz).toString("utf8")) as StoredAnalysis["findings"];
    expect(whole.find((f) => f.checkId === wide!.checkId)?.affected).toHaveLength(wide!.affectedListed!);

    // The page's report lists the first page of them, with the count and where to read the rest; the
    // CSV download lists every affected object.
    const page = await buildReport(A, a.id);
    const pageFinding = page.findings.find((f) => f.checkId === wide!.checkId);
    expect(pageFinding?.affected).toHaveLength(AFFECTED_FIRST_PAGE);
    expect(pageFinding?.affectedCount).toBeGreaterThanOrEqual(count);
    const csv = findingsToCsv(await buildReport(A, a.id, { allAffected: true }));
    const rows = csv.split("\n").filter((line) => line.includes(wide!.checkId));
    expect(rows.length).toBe(wide!.affectedListed);
  });

  it("keeps a blob over a megabyte in pieces and reads it back whole", async () => {
    // Words from a fixed pseudo-random sequence: about 3 MB that gzip cannot shrink below a megabyte.
    let seed = 7;
    const word = () =>
      Array.from({ length: 6 }, () =>
        String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26)),
      ).join("");
    // A custom resource's spec is kept as it is (ConfigMap values are not kept at all).
    const items = Array.from({ length: 3 }, (_, i) => ({
      apiVersion: "example.com/v1",
      kind: "Note",
      metadata: { name: `words-${i}`, namespace: "text" },
      spec: { words: Array.from({ length: 150_000 }, word).join(" ") },
    }));
    const data = Buffer.from(JSON.stringify({ apiVersion: "v1", kind: "List", items }));
    const a = await createAssessment(A, { name: "Many words" });
    const { snapshot } = await uploadSnapshot(A, a.id, [{ name: "words.json", data }]);
    const pieces = await t.database.prisma.snapshotBlob.findMany({
      where: { snapshotId: snapshot.id, part: "objects" },
      orderBy: { seq: "asc" },
    });
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.seq)).toEqual(pieces.map((_, i) => i));
    expect(pieces.every((p) => p.bytes.byteLength <= BLOB_PIECE_BYTES)).toBe(true);
    const grant = await authorizeAssessment(A, a.id, "read");
    const objects = await readSnapshotObjects(grant, snapshot.id);
    expect(objects.map((o) => (o as { spec?: { words?: string } }).spec?.words)).toEqual(
      items.map((o) => o.spec.words),
    );
  });
});
