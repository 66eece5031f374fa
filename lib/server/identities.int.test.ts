// OIDC sign-ins on real PostgreSQL and on PGlite: which account a provider identity lands in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/domain/errors";
import { setUpAppDatabase, TEST_ADMIN, withEmptyAppDatabase } from "@/lib/testing/app-database";
import { availableKinds, type TestDatabase } from "@/lib/testing/databases";
import { signInWithOidc, type OidcIdentity } from "./identities";
import type { SessionUser } from "./users";

const ISSUER = "https://idp.example.com";

const identity = (over: Partial<OidcIdentity> & { sub: string }): OidcIdentity => ({
  subject: `${ISSUER} ${over.sub}`,
  email: `${over.sub}@example.com`,
  emailVerified: true,
  name: `Person ${over.sub}`,
  role: null,
  ...over,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe("forbidden");
  return (err as AppError).extra.reason;
}

const kinds = await availableKinds();

describe.each(kinds)("OIDC identities on %s", (kind) => {
  let t: TestDatabase;
  let admin: SessionUser;
  const prisma = () => t.database.prisma;
  const row = (id: string) => prisma().user.findUniqueOrThrow({ where: { id } });
  const auditActions = async (id: string) =>
    (await prisma().auditEvent.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );

  beforeAll(async () => {
    ({ t, admin } = await setUpAppDatabase(kind));
  });
  afterAll(async () => {
    await t.drop();
  });

  it("creates a password-less member in the default team on first sign-in, audited", async () => {
    const user = await signInWithOidc(identity({ sub: "new-1", name: "Nora New" }));
    expect(user).toMatchObject({ email: "new-1@example.com", name: "Nora New", role: "member" });
    const stored = await row(user.id);
    expect(stored.passwordHash).toBeNull();
    expect(stored.oidcSubject).toBe(`${ISSUER} new-1`);
    const teams = await prisma().teamMember.findMany({ where: { userId: user.id }, include: { team: true } });
    expect(teams.map((m) => m.team.isDefault)).toEqual([true]);
    expect(await auditActions(user.id)).toEqual(["user.create"]);
  });

  it("finds the same account by subject on the next sign-in, even after an email change", async () => {
    const first = await signInWithOidc(identity({ sub: "same-1" }));
    const again = await signInWithOidc(identity({ sub: "same-1", email: "renamed@example.com" }));
    expect(again.id).toBe(first.id);
    expect(await prisma().user.count({ where: { oidcSubject: `${ISSUER} same-1` } })).toBe(1);
    expect(await prisma().user.count({ where: { email: "renamed@example.com" } })).toBe(0);
  });

  it("links an existing account by verified email and keeps its password", async () => {
    const before = await row(admin.id);
    const user = await signInWithOidc(identity({ sub: "ada", email: TEST_ADMIN.email }));
    expect(user.id).toBe(admin.id);
    expect(user.role).toBe("admin");
    const after = await row(admin.id);
    expect(after.oidcSubject).toBe(`${ISSUER} ada`);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(await auditActions(admin.id)).toContain("user.link-oidc");
  });

  it("refuses to link by an email the provider does not verify", async () => {
    await prisma().user.create({ data: { email: "local@example.com", name: "Lou", passwordHash: "x" } });
    const reason = await refusal(
      signInWithOidc(identity({ sub: "squatter", email: "local@example.com", emailVerified: false })),
    );
    expect(reason).toBe("email-unverified");
    const local = await prisma().user.findUniqueOrThrow({ where: { email: "local@example.com" } });
    expect(local.oidcSubject).toBeNull();
    expect(await prisma().user.count({ where: { oidcSubject: `${ISSUER} squatter` } })).toBe(0);
  });

  it("does not move an email already linked to another identity", async () => {
    await signInWithOidc(identity({ sub: "owner", email: "taken@example.com" }));
    const reason = await refusal(signInWithOidc(identity({ sub: "other", email: "taken@example.com" })));
    expect(reason).toBe("identity-conflict");
  });

  it("refuses deactivated accounts, found by subject or by email", async () => {
    const user = await signInWithOidc(identity({ sub: "gone" }));
    await prisma().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await refusal(signInWithOidc(identity({ sub: "gone" })))).toBe("account-disabled");

    await prisma().user.create({
      data: { email: "off@example.com", name: "Off", passwordHash: "x", active: false },
    });
    expect(await refusal(signInWithOidc(identity({ sub: "off", email: "off@example.com" })))).toBe(
      "account-disabled",
    );
    const off = await prisma().user.findUniqueOrThrow({ where: { email: "off@example.com" } });
    expect(off.oidcSubject).toBeNull();
  });

  it("needs an email to create an account", async () => {
    expect(await refusal(signInWithOidc(identity({ sub: "anon", email: null })))).toBe("email-missing");
  });

  it("applies the role mapping at creation and on every sign-in, audited", async () => {
    const boss = await signInWithOidc(identity({ sub: "boss", role: "admin" }));
    expect(boss.role).toBe("admin");
    const demoted = await signInWithOidc(identity({ sub: "boss", role: "member" }));
    expect(demoted.role).toBe("member");
    expect((await row(boss.id)).role).toBe("member");
    expect(await auditActions(boss.id)).toEqual(["user.create", "user.update"]);
    // Without a mapping (role null) the app's own role stands.
    await prisma().user.update({ where: { id: boss.id }, data: { role: "admin" } });
    expect((await signInWithOidc(identity({ sub: "boss" }))).role).toBe("admin");
  });

  it("never demotes the last active administrator", async () => {
    await prisma().user.updateMany({ where: { role: "admin" }, data: { role: "member" } });
    await prisma().user.update({ where: { id: admin.id }, data: { role: "admin" } });
    const user = await signInWithOidc(identity({ sub: "ada", email: TEST_ADMIN.email, role: "member" }));
    expect(user.role).toBe("admin");
    expect((await row(admin.id)).role).toBe("admin");
  });

  it("creates one account when the same person's first two sign-ins race", async () => {
    const [a, b] = await Promise.all([
      signInWithOidc(identity({ sub: "racer" })),
      signInWithOidc(identity({ sub: "racer" })),
    ]);
    expect(a.id).toBe(b.id);
    expect(await prisma().user.count({ where: { email: "racer@example.com" } })).toBe(1);
  });
});

describe.each(kinds)("OIDC sign-in before setup on %s", (kind) => {
  const t = withEmptyAppDatabase(kind);

  it("refuses a first account that would not be an administrator, accepts one that would", async () => {
    expect(await refusal(signInWithOidc(identity({ sub: "early", role: "member" })))).toBe("setup-pending");
    expect(await refusal(signInWithOidc(identity({ sub: "early" })))).toBe("setup-pending");
    expect(await t.database.prisma.user.count()).toBe(0);
    const first = await signInWithOidc(identity({ sub: "root", role: "admin" }));
    expect(first.role).toBe("admin");
    expect((await signInWithOidc(identity({ sub: "early" }))).role).toBe("member");
  });
});
