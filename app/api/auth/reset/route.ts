// POST /api/auth/reset — set a new password with a one-time reset link; signs out every session.
import { route } from "@/lib/api/route";
import { ZResetPassword } from "@/lib/domain/schemas";
import { resetPassword } from "@/lib/server/accounts";

// Public: the link's token is the credential. Rate limited per address against token guessing
// (256-bit tokens make that hopeless anyway) and against hashing load.
export const POST = route({ access: "public", body: ZResetPassword, rateLimit: 10 }, async ({ body }) => {
  await resetPassword(body.token, body.newPassword);
});
