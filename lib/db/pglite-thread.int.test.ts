// The embedded database on its thread, on disk: a new data directory is initialised (in a process of
// its own) and keeps what was written across a reopen; a directory that cannot be used fails the first
// query with the reason instead of hanging.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openThreadedPGlite } from "./pglite-thread";

const root = mkdtempSync(path.join(tmpdir(), "kubeready-pglite-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("PGlite on its thread, on disk", () => {
  it(
    "initialises a new data directory and keeps what was written across a reopen",
    { timeout: 120_000 },
    async () => {
      const dataDir = path.join(root, "data");
      const first = openThreadedPGlite(dataDir);
      await first.exec("CREATE TABLE note (body text)");
      await first.query("INSERT INTO note VALUES ($1)", ["kept"]);
      await first.close();
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);

      const again = openThreadedPGlite(dataDir);
      await expect(again.query<{ body: string }>("SELECT body FROM note")).resolves.toMatchObject({
        rows: [{ body: "kept" }],
      });
      await again.close();
    },
  );

  it("fails with the reason when the data directory cannot be made", { timeout: 120_000 }, async () => {
    const file = path.join(root, "a-file");
    writeFileSync(file, "not a directory");
    const db = openThreadedPGlite(path.join(file, "data"));
    await expect(db.query("SELECT 1")).rejects.toThrow(/initialising .*a-file\/data failed: ENOTDIR/);
  });
});
