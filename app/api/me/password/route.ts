// POST /api/me/password — change the caller's password; signs out their other sessions.
import { route } from "@/lib/api/route";
import { ZChangePassword } from "@/lib/domain/schemas";
import { changePassword } from "@/lib/server/accounts";

// Limited: a stolen session must not be a way to guess the current password quickly.
export const POST = route(
  { access: "user", body: ZChangePassword, rateLimit: 10 },
  async ({ caller, body }) => changePassword(caller, body.currentPassword, body.newPassword),
);
