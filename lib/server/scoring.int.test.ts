// The dashboard's cached verdict and grade when refreshes race (two app instances, an upload here and a
// deletion there), on PostgreSQL and PGlite: whichever refresh finishes last, what is stored reflects
// the newest state, never the inputs an older refresh read before the latest change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { SMALL_APP_YAML } from "@/lib/engine/testing";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { authorizeAssessment } from "./access";
import { createAssessment, getAnswers, getAssessment, saveAnswers } from "./assessments";
import { ensureDefaultChecklist } from "./checklists";
import { deleteSnapshotAndRescore, readScores, refreshScores, writeScores } from "./scoring";
import { uploadSnapshot } from "./uploads";

const kinds = await availableKinds();

/** Answers that give a verdict ("not needed") and one change that moves it. */
const SMALL_SHOP = {
  production_hosts: 2,
  services: 3,
  containerized: "all",
  deploys_per_week: 5,
  needs_autoscaling: false,
  needs_high_availability: false,
  needs_scheduled_jobs: false,
  services_multi_host: 0,
};

describe.each(kinds)("score refreshes racing on %s", (kind) => {
  let t: TestDatabase;
  let A: UserPrincipal;

  beforeAll(async () => {
    const setup = await setUpAppDatabase(kind);
    t = setup.t;
    A = asUser(setup.admin);
    await ensureDefaultChecklist(t.database.prisma);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("keeps the newer readiness when a refresh that read older inputs finishes last", async () => {
    const a = await createAssessment(A, { name: "Raced" });
    const stored = await uploadSnapshot(A, a.id, [{ name: "app.yaml", data: Buffer.from(SMALL_APP_YAML) }]);
    const grant = await authorizeAssessment(A, a.id, "edit");
    const graded = await getAssessment(A, a.id);
    expect(graded.readinessScore).not.toBeNull();

    // Instance 1 reads the assessment with its snapshot; meanwhile instance 2 deletes the snapshot
    // and stores "no readiness"; instance 1 then writes what it read.
    const stale = await readScores(grant);
    expect(stale.readiness.score?.score).toBe(graded.readinessScore);
    await deleteSnapshotAndRescore(A, stored.snapshot.id);
    const emptied = await getAssessment(A, a.id);
    expect(emptied.readinessScore).toBeNull();
    await writeScores(grant, stale);
    expect(await getAssessment(A, a.id)).toMatchObject({
      readinessScore: null,
      readinessGrade: emptied.readinessGrade,
    });

    // The other order is an ordinary refresh: the later read wins.
    await uploadSnapshot(A, a.id, [{ name: "app.yaml", data: Buffer.from(SMALL_APP_YAML) }]);
    const older = await readScores(grant);
    const newer = await readScores(grant);
    await writeScores(grant, newer);
    await writeScores(grant, older);
    expect((await getAssessment(A, a.id)).readinessScore).toBe(graded.readinessScore);
  });

  it("writes the verdict from the answers saved last, even from a refresh that began before them", async () => {
    const a = await createAssessment(A, { name: "Answered" });
    const grant = await authorizeAssessment(A, a.id, "edit");
    const before = await readScores(grant);
    const { version } = await getAnswers(A, a.id);
    await saveAnswers(A, a.id, version, SMALL_SHOP);
    expect((await getAssessment(A, a.id)).needVerdict).toBe("not-needed");
    await writeScores(grant, before);
    expect((await getAssessment(A, a.id)).needVerdict).toBe("not-needed");
    // And a plain refresh agrees with what the answer save stored.
    await refreshScores(grant);
    expect((await getAssessment(A, a.id)).needVerdict).toBe("not-needed");
  });
});
