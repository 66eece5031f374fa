// PATCH /api/admin/users/{id} — change a user's role or deactivate them (administrators only).
import { route } from "@/lib/api/route";
import { ZId, ZUpdateUser } from "@/lib/domain/schemas";
import { updateUser } from "@/lib/server/users";

export const PATCH = route(
  { access: "admin", params: ZId, body: ZUpdateUser },
  async ({ caller, params, body }) => ({
    user: await updateUser(caller, params.id, body),
  }),
);
