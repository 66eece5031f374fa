// POST /api/admin/users/{id}/password-reset — a one-time reset link for a user (administrators only).
import { publicUrl } from "@/lib/api/public-url";
import { route } from "@/lib/api/route";
import { ZId } from "@/lib/domain/schemas";
import { issuePasswordReset } from "@/lib/server/accounts";

export const POST = route({ access: "admin", params: ZId }, async ({ req, caller, params }) => {
  const { token, expiresAt } = await issuePasswordReset(caller, params.id);
  return Response.json(
    { url: publicUrl(req, `/reset/${token}`), expiresAt },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});
