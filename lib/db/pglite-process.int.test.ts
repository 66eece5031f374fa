// The embedded database in its process, on disk: a new data directory is initialised (in a process of
// its own) and keeps what was written across a reopen; a directory that cannot be used fails the first
// query with the reason instead of hanging.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPGliteProcess } from "./pglite-process";

const root = mkdtempSync(path.join(tmpdir(), "kubeready-pglite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("PGlite in its process, on disk", () => {
  it(
    "initialises a new data directory and keeps what was written across a reopen",
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(root, "data");
      const first = openPGliteProcess(dataDir);
      await first.exec("CREATE TABLE note (body text)");
      await first.query("INSERT INTO note VALUES ($1)", ["kept"]);
      await first.close();
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

      const again = openPGliteProcess(dataDir);
      await expect(again.query<{ body: string }>("SELECT body FROM note")).resolves.toMatchObject({
        rows: [{ body: "kept" }],
      });
      await again.close();
    },
  );

  it("fails with the reason when the data directory cannot be made", { timeout: 120_000 }, async () => {
    const file = path.join(root, "a-file");
    writeFileSync(file, "not a directory");
    const db = openPGliteProcess(path.join(file, "data"));
    await expect(db.query("SELECT 1")).rejects.toThrow(/initialising .*a-file\/data failed: ENOTDIR/);
  });
});
