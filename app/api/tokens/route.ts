// GET, POST /api/tokens — the caller's personal API tokens (administrators: `?user=<id>|all`); the
// secret is returned once, on creation.
import { z } from "zod";
import { route } from "@/lib/api/route";
import { ZCreateToken } from "@/lib/domain/schemas";
import { createApiToken, listApiTokens } from "@/lib/server/users";

const ZTokenQuery = z.object({ user: z.uuid().or(z.literal("all")).optional() });

export const GET = route({ access: "user", query: ZTokenQuery }, async ({ caller, query }) => ({
  tokens: await listApiTokens(caller, query.user),
}));

export const POST = route({ access: "user", body: ZCreateToken }, async ({ caller, body }) =>
  Response.json(await createApiToken(caller, body), { status: 201 }),
);
