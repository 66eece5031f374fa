// GET, POST /api/tokens — the caller's personal API tokens; the secret is returned once, on creation.
import { route } from "@/lib/api/route";
import { ZCreateToken } from "@/lib/domain/schemas";
import { createApiToken, listApiTokens } from "@/lib/server/users";

export const GET = route({ access: "user" }, async ({ caller }) => ({
  tokens: await listApiTokens(caller.user.id),
}));

export const POST = route({ access: "user", body: ZCreateToken }, async ({ caller, body }) =>
  Response.json(await createApiToken(caller.user.id, body.name), { status: 201 }),
);
