// The data layer on real PostgreSQL and on PGlite, each freshly migrated.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { rejects } from "@/lib/testing/assertions";
import { authorizeAssessment } from "./access";
import { availableKinds, createTestDatabase, type TestDatabase } from "@/lib/testing/databases";
import { createAssessment, getAnswers, listAssessments, saveAnswers, updateAssessment } from "./assessments";
import { listAuditEvents } from "./audit";
import { buildReport } from "./reports";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink } from "./share-links";
import { uploadSnapshot } from "./uploads";
import { listSnapshots, readSnapshotObjects } from "./snapshots";
import {
  bootstrapAdminFromEnv,
  createApiToken,
  createFirstAdmin,
  createSession,
  createUser,
  findSessionUser,
  findTokenPrincipal,
  revokeApiToken,
  updateUser,
  verifyCredentials,
  type SessionUser,
} from "./users";

const corpus = path.resolve(process.cwd(), "../shared/corpus");
const hasCorpus = existsSync(corpus);
if (!hasCorpus) console.warn(`[integration] ${corpus} not found: corpus-based cases are skipped.`);

const kinds = await availableKinds();

describe.each(kinds)("data layer on %s", (kind) => {
  let t: TestDatabase;
  let admin: SessionUser;
  let A: UserPrincipal;

  beforeAll(async () => {
    ({ t, admin } = await setUpAppDatabase(kind));
    A = asUser(admin);
  });
  afterAll(async () => {
    await t.drop();
  });

  describe("accounts", () => {
    it("bootstraps an administrator from ADMIN_EMAIL only while there are no users", async () => {
      const fresh = await createTestDatabase("pglite");
      try {
        const creds = { email: "Boot@Example.com", password: "tall ships sail at dawn" };
        await expect(
          bootstrapAdminFromEnv(fresh.database.prisma, { ...creds, password: "password1234" }),
        ).rejects.toThrow(/ADMIN_PASSWORD is refused by the password policy/);
        expect(await bootstrapAdminFromEnv(fresh.database.prisma, creds)).toBe(true);
        expect(await bootstrapAdminFromEnv(fresh.database.prisma, { ...creds, email: "x@example.com" })).toBe(
          false,
        );
        const users = await fresh.database.prisma.user.findMany();
        expect(users.map((u) => [u.email, u.role])).toEqual([["boot@example.com", "admin"]]);
      } finally {
        await fresh.drop();
      }
    });

    it("bootstraps one administrator when replicas start together on an empty database", async () => {
      const fresh = await createTestDatabase(kind);
      try {
        const creds = { email: "boot@example.com", password: "tall ships sail at dawn" };
        const created = await Promise.all(
          Array.from({ length: 4 }, () => bootstrapAdminFromEnv(fresh.database.prisma, creds)),
        );
        expect(created.filter(Boolean)).toEqual([true]);
        expect(await fresh.database.prisma.user.count()).toBe(1);
      } finally {
        await fresh.drop();
      }
    });

    it("allows only one first-run setup", async () => {
      await rejects(
        createFirstAdmin({ email: "other@example.com", name: "Eve", password: "a different passphrase" }),
        "setup-complete",
      );
    });

    it("stores passwords hashed and verifies them", async () => {
      const row = await t.database.prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
      expect(row.passwordHash).not.toContain("correct horse");
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyCredentials("ADMIN@example.com", "correct horse battery")).toMatchObject({
        role: "admin",
      });
      expect(await verifyCredentials("admin@example.com", "wrong password")).toBeNull();
      expect(await verifyCredentials("nobody@example.com", "correct horse battery")).toBeNull();
    });

    it("keeps sessions by hash and ends them when a user is deactivated", async () => {
      const member = await createUser(A, {
        email: "m@example.com",
        name: "Mo",
        password: "member password",
        role: "member",
      });
      const { token } = await createSession(member.id);
      expect(await t.database.prisma.session.count({ where: { id: token } })).toBe(0);
      expect(await findSessionUser(token)).toMatchObject({ email: "m@example.com", role: "member" });
      await updateUser(A, member.id, { active: false });
      const [event] = await listAuditEvents(A, { entityType: "user", entityId: member.id });
      expect(event).toMatchObject({
        action: "user.update",
        before: { active: true },
        after: { active: false },
      });
      expect(await findSessionUser(token)).toBeNull();
      expect(await verifyCredentials("m@example.com", "member password")).toBeNull();
    });

    it("refuses a duplicate email with a field error", async () => {
      const err = await rejects(
        createUser(A, {
          email: "admin@example.com",
          name: "Dup",
          password: "whatever123",
          role: "member",
        }),
        "conflict",
      );
      expect(err.extra.errors).toEqual([{ path: "email", message: "This email is already in use." }]);
    });

    it("stops an admin from demoting themselves", async () => {
      await rejects(updateUser(A, admin.id, { role: "member" }), "conflict");
    });

    it("authenticates API tokens until they are revoked", async () => {
      const created = await createApiToken(A, { name: "CI", scope: "write", expiresAt: null });
      expect(created.token).toMatch(/^kr_/);
      const stored = await t.database.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
      expect(stored.tokenHash).not.toBe(created.token);
      expect(await findTokenPrincipal(created.token)).toMatchObject({
        user: { id: admin.id },
        scope: "write",
      });
      await revokeApiToken(A, created.id);
      expect(await findTokenPrincipal(created.token)).toBeNull();
    });
  });

  describe("assessments and answers", () => {
    it("saves answers with optimistic concurrency", async () => {
      const a = await createAssessment(A, { name: "Platform" });
      expect(a.version).toBe(1);
      const first = await saveAnswers(A, a.id, 1, { production_hosts: 40, needs_autoscaling: true });
      expect(first.version).toBe(2);
      expect(first.answers).toEqual({ production_hosts: 40, needs_autoscaling: true });

      // A second tab still holding version 1 must not overwrite the first tab's work.
      const conflict = await rejects(saveAnswers(A, a.id, 1, { production_hosts: 2 }), "conflict");
      expect(conflict.extra.currentVersion).toBe(2);
      expect((await getAnswers(A, a.id)).answers.production_hosts).toBe(40);

      const cleared = await saveAnswers(A, a.id, 2, { needs_autoscaling: null, containerized: "all" });
      expect(cleared.answers).toEqual({ production_hosts: 40, containerized: "all" });
      const listed = (await listAssessments(A)).find((x) => x.id === a.id);
      expect(listed?.needVerdict).toBeTruthy();
      expect(listed?.needScore).toBeGreaterThan(0);
    });

    it("rejects invalid answers without saving any of the batch", async () => {
      const a = await createAssessment(A, { name: "Bad input" });
      const err = await rejects(
        saveAnswers(A, a.id, 1, { production_hosts: 3, services: -1, nonsense: 1 }),
        "validation",
      );
      expect(err.extra.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: "answers.services" }),
          expect.objectContaining({ path: "answers.nonsense" }),
        ]),
      );
      expect(await getAnswers(A, a.id)).toEqual({ version: 1, answers: {} });
    });

    it("renames with an optional version check", async () => {
      const a = await createAssessment(A, { name: "Old" });
      const renamed = await updateAssessment(A, a.id, { name: "New", version: 1 });
      expect(renamed).toMatchObject({ name: "New", version: 2 });
      await rejects(updateAssessment(A, a.id, { name: "Stale", version: 1 }), "conflict");
      await rejects(updateAssessment(A, "00000000-0000-0000-0000-000000000000", { name: "x" }), "not-found");
    });
  });

  describe.runIf(hasCorpus)("snapshots, reports and share links", () => {
    it("stores only redacted objects and scores the snapshot", async () => {
      const a = await createAssessment(A, { name: "With snapshot" });
      const file = path.join(corpus, "manifests/argo-cd/install.yaml");
      const secretFile = path.join(corpus, "cluster-dumps/kubectl-neat/secret1-raw.json");
      const secretJson = JSON.parse(readFileSync(secretFile, "utf8")) as { data: Record<string, string> };
      const secretValue = secretJson.data[".dockerconfigjson"]!;
      const result = await uploadSnapshot(A, a.id, [
        { name: "install.yaml", data: readFileSync(file) },
        { name: "secret1-raw.json", data: readFileSync(secretFile) },
      ]);
      expect(result.snapshot.objectCount).toBeGreaterThan(50);
      expect(result.score.score).not.toBeNull();

      const stored = JSON.stringify(
        await readSnapshotObjects(await authorizeAssessment(A, a.id, "read"), result.snapshot.id),
      );
      expect(stored).toContain('"kind":"Secret"');
      expect(stored).not.toContain(secretValue);
      expect(stored).not.toContain(Buffer.from(secretValue, "base64").toString("utf8"));
      expect(stored).not.toContain("last-applied-configuration");

      const snapshots = await listSnapshots(A, a.id);
      expect(snapshots).toHaveLength(1);
      const report = await buildReport(A, a.id);
      expect(report.readiness?.score).toBe(result.score.score);
      expect(report.findings.length).toBeGreaterThan(0);
      // Nothing was answered: the snapshot lends host and service counts, but no verdict comes before
      // enough core questions are answered.
      expect(report.needKubernetes.verdict).toBe("insufficient-answers");
      expect(report.needKubernetes.recommendation).toBeNull();
      const listed = (await listAssessments(A)).find((x) => x.id === a.id);
      expect(listed?.readinessScore).toBe(result.score.score);
    });

    it("rejects garbage with a located error and keeps earlier snapshots", async () => {
      const a = await createAssessment(A, { name: "Garbage" });
      await uploadSnapshot(A, a.id, [
        {
          name: "ok.yaml",
          data: readFileSync(
            path.join(corpus, "manifests/microservices-demo/release/kubernetes-manifests.yaml"),
          ),
        },
      ]);
      const err = await rejects(
        uploadSnapshot(A, a.id, [
          { name: "bad.yaml", data: Buffer.from("apiVersion: v1\nkind: Pod\nmetadata: [\n") },
        ]),
        "invalid-snapshot",
      );
      expect(err.message).toContain("bad.yaml");
      expect(await listSnapshots(A, a.id)).toHaveLength(1);
    });
  });

  describe("share links", () => {
    it("resolves live tokens, counts views and 404s after revocation", async () => {
      const a = await createAssessment(A, { name: "Shared" });
      const link = await createShareLink(A, a.id, null);
      expect(link.token.length).toBeGreaterThanOrEqual(43);
      const row = await t.database.prisma.shareLink.findUniqueOrThrow({ where: { id: link.id } });
      expect(row.tokenHash).not.toBe(link.token);
      expect(await resolveShareToken(link.token)).toEqual({ kind: "share", assessmentId: a.id });
      await revokeShareLink(A, link.id);
      await rejects(resolveShareToken(link.token), "not-found");
      await rejects(resolveShareToken("not-a-token"), "not-found");
      const after = await t.database.prisma.shareLink.findUniqueOrThrow({ where: { id: link.id } });
      expect(after.viewCount).toBe(1);
      const audit = await listAuditEvents(A, { entityType: "share-link", entityId: link.id });
      expect(audit.map((e) => e.action)).toEqual(["share-link.revoke", "share-link.create"]);
    });

    it("keeps a label that tells links apart, in the list and the audit log", async () => {
      const a = await createAssessment(A, { name: "Labelled" });
      const link = await createShareLink(A, a.id, 30, "auditors");
      expect(link.label).toBe("auditors");
      expect((await listShareLinks(A, a.id)).map((l) => l.label)).toEqual(["auditors"]);
      const audit = await listAuditEvents(A, { entityType: "share-link", entityId: link.id });
      expect(audit[0]?.summary).toBe("Shared the report of assessment “Labelled” (auditors) for 30 days");
    });

    it("treats expired links like unknown ones", async () => {
      const a = await createAssessment(A, { name: "Expiring" });
      const link = await createShareLink(A, a.id, 1);
      await t.database.prisma.shareLink.update({
        where: { id: link.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await rejects(resolveShareToken(link.token), "not-found");
    });
  });
});
