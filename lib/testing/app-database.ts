// A freshly migrated database installed as the app's database, seeded as on first start, with an admin.
import { ensureDefaultChecklist } from "@/lib/server/checklists";
import { installDatabase } from "@/lib/server/db";
import { createFirstAdmin, type SessionUser } from "@/lib/server/users";
import { createTestDatabase, type Kind, type TestDatabase } from "./databases";

export const TEST_ADMIN = { email: "admin@example.com", name: "Ada", password: "correct horse battery" };

export async function setUpAppDatabase(kind: Kind): Promise<{ t: TestDatabase; admin: SessionUser }> {
  const t = await createTestDatabase(kind);
  installDatabase(t.database);
  await ensureDefaultChecklist(t.database.prisma);
  return { t, admin: await createFirstAdmin(TEST_ADMIN) };
}
