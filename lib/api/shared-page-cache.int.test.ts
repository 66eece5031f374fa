// The shared page as `npm start` serves it (scripts/start.ts: the page cache in front of Next), two
// instances on one PostgreSQL database: the page read again comes back whole with a fresh nonce and
// every view counted; a change made anywhere shows on the next request to either instance, and a
// revoked link answers 404 on both at once. The app is built once per test run (lib/testing/app-build.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { builtApp } from "@/lib/testing/app-build";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { appProcesses, freePort, type AppProcesses } from "@/lib/testing/app-processes";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { deploymentList } from "@/lib/testing/queue-fixtures";
import { closeAnalysisPool } from "@/lib/server/analysis-pool";
import { createAssessment, updateAssessment } from "@/lib/server/assessments";
import { createShareLink, revokeShareLink } from "@/lib/server/share-links";
import { uploadSnapshot } from "@/lib/server/uploads";

const hasPostgres = (await availableKinds()).includes("postgresql");
if (!hasPostgres)
  console.warn("[shared-page-cache] PostgreSQL unreachable: the two-instance tests are skipped.");

async function page(base: string, token: string) {
  const res = await fetch(`${base}/shared/${token}`);
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1] ?? null;
  return { status: res.status, body, nonce, title: /<h1[^>]*>([^<]*)/.exec(body)?.[1] ?? null };
}

describe.runIf(hasPostgres)("shared pages served by two instances on one postgresql database", () => {
  let t: TestDatabase | undefined;
  let processes: AppProcesses | undefined;
  let admin: UserPrincipal;
  let bases: string[] = [];
  let id: string;
  let link: { id: string; token: string };

  beforeAll(async () => {
    const dir = builtApp();
    const setup = await setUpAppDatabase("postgresql");
    t = setup.t;
    admin = asUser(setup.admin);
    id = (await createAssessment(admin, { name: "Kept cluster" })).id;
    await uploadSnapshot(admin, id, [{ name: "kept.json", data: deploymentList(40, "kept") }]);
    link = await createShareLink(admin, id, null, "cache");
    await closeAnalysisPool();
    processes = appProcesses(dir, () => ({ DATABASE_URL: t!.url! }));
    const started = await Promise.all([
      processes.startApp("app A", await freePort()),
      processes.startApp("app B", await freePort()),
    ]);
    bases = started.map((s) => s.base);
  }, 600_000);

  afterAll(async () => {
    await processes?.stopAll("SIGKILL");
    await t?.drop();
  }, 60_000);

  it("serves the page again whole, with a fresh nonce on its scripts, counting every view", async () => {
    const reads = [];
    // A, B, then A and B again: the second read of each instance is the page it kept.
    for (const base of [...bases, ...bases]) reads.push(await page(base, link.token));
    for (const [i, read] of reads.entries()) {
      expect(read.status).toBe(200);
      expect(read.title).toBe("Kept cluster");
      expect(read.nonce).toBeTruthy();
      // Every script carries this response's nonce and no other.
      const nonces = new Set([...read.body.matchAll(/<script[^>]* nonce="([^"]+)"/g)].map((m) => m[1]));
      expect([...nonces]).toEqual([read.nonce]);
      // The same page as this instance's first, the nonce apart.
      const first = reads[i % 2]!;
      expect(read.body.replaceAll(read.nonce!, "N")).toBe(first.body.replaceAll(first.nonce!, "N"));
    }
    expect(new Set(reads.map((r) => r.nonce)).size).toBe(reads.length);
    // Views are counted beside the page: the last write may land just after it.
    await expect
      .poll(
        async () =>
          (await t!.database.prisma.shareLink.findUniqueOrThrow({ where: { id: link.id } })).viewCount,
      )
      .toBe(reads.length);
  });

  it("shows a change made anywhere on the next request to either instance, and 404s a revoked link at once", async () => {
    for (const base of bases) expect((await page(base, link.token)).title).toBe("Kept cluster");
    await updateAssessment(admin, id, { name: "Renamed cluster" });
    for (const base of bases) expect((await page(base, link.token)).title).toBe("Renamed cluster");
    // Written straight to the database, as another instance or an operator would.
    await t!.database.prisma.assessment.update({ where: { id }, data: { name: "Renamed elsewhere" } });
    for (const base of bases) expect((await page(base, link.token)).title).toBe("Renamed elsewhere");

    await revokeShareLink(admin, link.id);
    for (const base of bases) expect((await page(base, link.token)).status).toBe(404);
  });
});
