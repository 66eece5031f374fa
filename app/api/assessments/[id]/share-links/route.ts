// GET, POST /api/assessments/{id}/share-links — list and create read-only report links.
import { route } from "@/lib/api/route";
import { ZCreateShareLink, ZId } from "@/lib/domain/schemas";
import { createShareLink, listShareLinks } from "@/lib/server/share-links";

export const GET = route({ access: "user", params: ZId }, async ({ params }) => ({
  links: await listShareLinks(params.id),
}));

export const POST = route(
  { access: "user", params: ZId, body: ZCreateShareLink },
  async ({ req, caller, params, body }) => {
    const link = await createShareLink(caller.user, params.id, body.expiresInDays);
    const url = new URL(`/shared/${link.token}`, req.url).toString();
    return Response.json({ link: { ...link, url } }, { status: 201 });
  },
);
