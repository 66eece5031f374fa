// GET, POST /api/assessments/{id}/share-links — list and create read-only report links.
import { publicUrl } from "@/lib/api/public-url";
import { route } from "@/lib/api/route";
import { ZCreateShareLink, ZId } from "@/lib/domain/schemas";
import { createShareLink, listShareLinks } from "@/lib/server/share-links";

export const GET = route({ access: "user", params: ZId }, async ({ caller, params }) => ({
  links: await listShareLinks(caller, params.id),
}));

export const POST = route(
  { access: "user", params: ZId, body: ZCreateShareLink },
  async ({ req, caller, params, body }) => {
    const link = await createShareLink(caller, params.id, body.expiresInDays, body.label);
    const url = publicUrl(req, `/shared/${link.token}`);
    return Response.json({ link: { ...link, url } }, { status: 201 });
  },
);
