// Teams, ownership and audit on PostgreSQL and PGlite: each kind of caller against one assessment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { asUser, type Principal, type SessionUser, type UserPrincipal } from "@/lib/domain/principal";
import { setUpAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import {
  createAssessment,
  deleteAssessment,
  getAnswers,
  getAssessment,
  listAssessments,
  saveAnswers,
  updateAssessment,
} from "./assessments";
import { listAuditEvents } from "./audit";
import { buildReport } from "./reports";
import { createShareLink, listShareLinks, resolveShareToken, revokeShareLink } from "./share-links";
import { createTeam, deleteTeam, listTeams, putTeamMember, removeTeamMember } from "./teams";
import {
  createApiToken,
  createUser,
  deleteUser,
  findTokenPrincipal,
  listApiTokens,
  revokeApiToken,
} from "./users";

async function code(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
  );
}

const kinds = await availableKinds();

describe.each(kinds)("teams and ownership on %s", (kind) => {
  let t: TestDatabase;
  let admin: UserPrincipal;
  let owner: UserPrincipal;
  let mate: UserPrincipal;
  let maintainer: UserPrincipal;
  let outsider: UserPrincipal;
  let teamA: string;
  let teamB: string;
  let x: string;

  const person = async (email: string, team: string, role: "member" | "maintainer" = "member") => {
    const user = await createUser(admin, {
      email,
      name: email.split("@")[0]!,
      password: "a long passphrase 42",
      role: "member",
    });
    await putTeamMember(admin, team, user.id, role);
    return asUser(user);
  };

  beforeAll(async () => {
    let first: SessionUser;
    ({ t, admin: first } = await setUpAppDatabase(kind));
    admin = asUser(first);
    teamA = (await createTeam(admin, "Payments")).id;
    teamB = (await createTeam(admin, "Search")).id;
    owner = await person("owner@example.com", teamA);
    mate = await person("mate@example.com", teamA);
    maintainer = await person("maint@example.com", teamA, "maintainer");
    outsider = await person("out@example.com", teamB);
    // New users also join the default team; take them out so "another team" means just that.
    const fallback = (await listTeams(admin)).find((team) => team.isDefault)!.id;
    for (const p of [owner, mate, maintainer, outsider]) await removeTeamMember(admin, fallback, p.user.id);
    x = (await createAssessment(owner, { name: "Ledger cluster", teamId: teamA })).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it("shows a team's assessments to its members and administrators only", async () => {
    const names = async (p: Principal) => (await listAssessments(p)).map((a) => a.name);
    expect(await names(owner)).toContain("Ledger cluster");
    expect(await names(mate)).toContain("Ledger cluster");
    expect(await names(admin)).toContain("Ledger cluster");
    expect(await names(outsider)).not.toContain("Ledger cluster");
    for (const op of [
      getAssessment(outsider, x),
      getAnswers(outsider, x),
      buildReport(outsider, x),
      saveAnswers(outsider, x, 1, { production_hosts: 3 }),
      updateAssessment(outsider, x, { name: "pwned" }),
      deleteAssessment(outsider, x),
      createShareLink(outsider, x, null),
    ]) {
      expect(await code(op)).toBe("not-found");
    }
  });

  it("lets members edit but only owners, maintainers and admins manage", async () => {
    expect(await code(saveAnswers(mate, x, 1, { production_hosts: 12 }))).toBe("ok");
    expect(await code(updateAssessment(mate, x, { name: "Renamed by mate" }))).toBe("forbidden");
    expect(await code(deleteAssessment(mate, x))).toBe("forbidden");
    expect(await code(createShareLink(mate, x, null))).toBe("forbidden");
    expect(await code(listShareLinks(mate, x))).toBe("forbidden");
    const link = await createShareLink(owner, x, 7);
    expect(await code(revokeShareLink(mate, link.id))).toBe("forbidden");
    expect(await code(updateAssessment(maintainer, x, { name: "Ledger cluster" }))).toBe("ok");
    expect(await code(revokeShareLink(maintainer, link.id))).toBe("ok");
    const rows = await listAssessments(mate);
    expect(rows.find((a) => a.id === x)?.canManage).toBe(false);
    expect((await listAssessments(owner)).find((a) => a.id === x)?.canManage).toBe(true);
  });

  it("refuses to create into, or move to, a team the caller is not in", async () => {
    expect(await code(createAssessment(owner, { name: "Sneaky", teamId: teamB }))).toBe("not-found");
    expect(await code(updateAssessment(owner, x, { teamId: teamB }))).toBe("not-found");
  });

  it("keeps read-only tokens and share links to reading", async () => {
    const token = await createApiToken(mate, { name: "dashboards", scope: "read", expiresAt: null });
    const readOnly = (await findTokenPrincipal(token.token))!;
    expect(readOnly.scope).toBe("read");
    expect(await code(getAssessment(readOnly, x))).toBe("ok");
    expect(await code(saveAnswers(readOnly, x, 99, { production_hosts: 1 }))).toBe("forbidden");
    expect(await code(createApiToken(readOnly, { name: "more", scope: "write", expiresAt: null }))).toBe(
      "forbidden",
    );

    const other = await createAssessment(outsider, { name: "Search index" });
    const link = await createShareLink(owner, x, null);
    const share = await resolveShareToken(link.token);
    expect((await buildReport(share, x)).assessment.name).toBe("Ledger cluster");
    expect(await code(buildReport(share, other.id))).toBe("not-found");
    expect(await code(saveAnswers(share, x, 1, {}))).toBe("not-found");
    expect(await code(listAssessments(share))).toBe("not-found");
  });

  it("expires tokens and lets administrators revoke anyone's, audited", async () => {
    const soon = await createApiToken(mate, {
      name: "short",
      scope: "write",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await t.database.prisma.apiToken.update({
      where: { id: soon.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await findTokenPrincipal(soon.token)).toBeNull();

    const ci = await createApiToken(mate, { name: "ci", scope: "write", expiresAt: null });
    expect(await code(revokeApiToken(outsider, ci.id))).toBe("not-found");
    expect(await code(listApiTokens(mate, outsider.user.id))).toBe("forbidden");
    expect((await listApiTokens(admin, mate.user.id)).map((tk) => tk.name)).toContain("ci");
    await revokeApiToken(admin, ci.id);
    expect(await findTokenPrincipal(ci.token)).toBeNull();
    const [event] = await listAuditEvents(admin, { entityType: "api-token", entityId: ci.id });
    expect(event).toMatchObject({ action: "api-token.revoke", actor: { email: "admin@example.com" } });
    expect(await code(listAuditEvents(mate))).toBe("forbidden");
  });

  it("audits every delete: assessment, team, user", async () => {
    const doomed = await createAssessment(owner, { name: "Doomed", teamId: teamA });
    await deleteAssessment(owner, doomed.id);
    expect(await code(getAssessment(admin, doomed.id))).toBe("not-found");
    const [gone] = await listAuditEvents(admin, { entityType: "assessment", entityId: doomed.id });
    expect(gone?.action).toBe("assessment.delete");
    expect(gone?.summary).toContain("Doomed");

    expect(await code(deleteTeam(admin, teamA))).toBe("conflict");
    const fallback = (await listTeams(admin)).find((team) => team.isDefault)!;
    expect(await code(deleteTeam(admin, fallback.id))).toBe("conflict");
    const empty = await createTeam(admin, "Short-lived");
    expect(await code(deleteTeam(owner, empty.id))).toBe("forbidden");
    await deleteTeam(admin, empty.id);
    expect((await listAuditEvents(admin, { entityType: "team", entityId: empty.id }))[0]?.action).toBe(
      "team.delete",
    );

    expect(await code(deleteUser(admin, owner.user.id))).toBe("conflict");
    const idle = await createUser(admin, {
      email: "idle@example.com",
      name: "Idle",
      password: "a long passphrase 42",
      role: "member",
    });
    await deleteUser(admin, idle.id);
    expect((await listAuditEvents(admin, { entityType: "user", entityId: idle.id }))[0]?.action).toBe(
      "user.delete",
    );
  });
});
