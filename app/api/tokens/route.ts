// GET, POST /api/tokens — the caller's personal API tokens (administrators: `?user=<id>|all`); the
// secret is returned once, on creation.
import { route } from "@/lib/api/route";
import { ZCreateToken, ZTokenQuery } from "@/lib/domain/schemas";
import { createApiToken, listApiTokens } from "@/lib/server/users";

export const GET = route({ access: "user", query: ZTokenQuery }, async ({ caller, query }) => ({
  tokens: await listApiTokens(caller, query.user),
}));

export const POST = route({ access: "user", body: ZCreateToken }, async ({ caller, body }) =>
  Response.json(await createApiToken(caller, body), { status: 201 }),
);
