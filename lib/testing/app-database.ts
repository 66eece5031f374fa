// A freshly migrated database installed as the app's database: empty, or seeded as on first start.
import { afterAll, beforeAll } from "vitest";
import { ensureDefaultChecklist } from "@/lib/server/checklists";
import { installDatabase } from "@/lib/server/db";
import { createFirstAdmin, type SessionUser } from "@/lib/server/users";
import { createTestDatabase, type Kind, type TestDatabase } from "./databases";

export const TEST_ADMIN = { email: "admin@example.com", name: "Ada", password: "correct horse battery" };

export async function installTestDatabase(kind: Kind): Promise<TestDatabase> {
  const t = await createTestDatabase(kind);
  installDatabase(t.database);
  return t;
}

/** Seeded as on first start (the default checklist), with the first administrator. */
export async function setUpAppDatabase(kind: Kind): Promise<{ t: TestDatabase; admin: SessionUser }> {
  const t = await installTestDatabase(kind);
  await ensureDefaultChecklist(t.database.prisma);
  return { t, admin: await createFirstAdmin(TEST_ADMIN) };
}

/**
 * For a describe block: an empty app database installed before its first test and dropped after its
 * last. Read `database` only inside tests and hooks.
 */
export function withEmptyAppDatabase(kind: Kind): { readonly database: TestDatabase["database"] } {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await installTestDatabase(kind);
  });
  afterAll(async () => {
    await t?.drop();
  });
  return {
    get database() {
      if (!t) throw new Error("The test database is created in beforeAll.");
      return t.database;
    },
  };
}
