// The embedded database's process ending on its own (killed, out of memory) while the app runs: requests
// meanwhile answer 503 with Retry-After, never 500; the app starts the database again on the same data
// directory by itself, and what was committed before is still there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { openDatabase, type Database } from "@/lib/db/client";
import { TEST_ADMIN } from "@/lib/testing/app-database";
import { until } from "@/lib/testing/app-processes";
import { closeDatabase, databaseReady, db, startDatabaseWith } from "./db";
import { createFirstAdmin } from "./users";

const root = mkdtempSync(path.join(tmpdir(), "kubeready-embedded-restart-"));
afterAll(async () => {
  await closeDatabase().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

const readyNow = () => ready();

describe("the embedded database's process ending on its own", () => {
  it(
    "answers 503, starts it again on the same directory, and keeps what was committed",
    { timeout: 180_000 },
    async () => {
      const opened: Database[] = [];
      startDatabaseWith(() => {
        const database = openDatabase({ dataDir: path.join(root, "pglite") });
        opened.push(database);
        return database;
      });
      await databaseReady();
      const admin = await createFirstAdmin(TEST_ADMIN);
      const first = opened.at(-1)!;
      expect(first.embedded?.pid).toBeGreaterThan(0);

      process.kill(first.embedded!.pid!, "SIGKILL");
      await first.embedded!.lost;

      // While it is away: 503 with Retry-After, never 500.
      const during = await readyNow();
      expect(during.status).toBe(503);
      expect(Number(during.headers.get("retry-after"))).toBeGreaterThan(0);

      // Back by itself, in a new process, with the data committed before the kill.
      await until("the database to be ready again", async () => (await readyNow()).status === 200);
      expect(opened).toHaveLength(2);
      expect(opened[1]!.embedded?.pid).not.toBe(first.embedded?.pid);
      const user = await (await db()).user.findUnique({ where: { id: admin.id }, select: { email: true } });
      expect(user?.email).toBe(TEST_ADMIN.email.toLowerCase());
    },
  );
});
