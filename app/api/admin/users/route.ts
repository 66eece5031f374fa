// GET, POST /api/admin/users — list and create users (administrators only).
import { route } from "@/lib/api/route";
import { ZCreateUser } from "@/lib/domain/schemas";
import { createUser, listUsers } from "@/lib/server/users";

export const GET = route({ access: "admin" }, async ({ caller }) => ({ users: await listUsers(caller) }));

export const POST = route({ access: "admin", body: ZCreateUser }, async ({ caller, body }) =>
  Response.json({ user: await createUser(caller, body) }, { status: 201 }),
);
