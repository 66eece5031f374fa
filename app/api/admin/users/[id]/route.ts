// PATCH, DELETE /api/admin/users/{id} — change a user's role or deactivate them; delete (administrators only).
import { route } from "@/lib/api/route";
import { ZId, ZUpdateUser } from "@/lib/domain/schemas";
import { deleteUser, updateUser } from "@/lib/server/users";

export const PATCH = route(
  { access: "admin", params: ZId, body: ZUpdateUser },
  async ({ caller, params, body }) => ({
    user: await updateUser(caller, params.id, body),
  }),
);

// DELETE /api/admin/users/{id} — delete an account that holds no work (otherwise: deactivate it).
export const DELETE = route({ access: "admin", params: ZId }, async ({ caller, params }) => {
  await deleteUser(caller, params.id);
});
